### Translation of content/dry-needling.md into es-MX.
### Lines starting with "# TODO" are messages still to translate: delete "# TODO " (and "# " on
### the lines below it), then replace the English after "=" with your translation.
### Run `carta check --locale es-MX` to see what is missing or outdated.

## What is Dry Needling?

dry-needling-what-is-dry-needling-text = La punción seca es una técnica terapéutica que utilizan algunos profesionales de la salud, entre ellos los terapeutas físicos, para tratar el dolor y la disfunción de origen musculoesquelético y neuromuscular. Consiste en la inserción de agujas finas de monofilamento en puntos específicos de los músculos, los tendones y otros tejidos blandos, y a su alrededor.

## 10 Benefits of Dry Needling

dry-needling-benefit-localized-treatment = Tratamiento localizado
    .body = La punción seca hace posible un tratamiento dirigido a zonas específicas, de modo que los terapeutas físicos pueden abordar con precisión los problemas localizados y evitar intervenciones innecesarias en las zonas no afectadas.

dry-needling-benefit-complementary-to-other-therapies = Complemento de otras terapias
    .body = La punción seca puede incorporarse a un plan integral de terapia física como complemento de otros tratamientos, como la terapia manual y el ejercicio, para lograr un enfoque holístico de la rehabilitación.

dry-needling-benefit-customized-treatment = Tratamiento personalizado
    .body = Los terapeutas físicos pueden adaptar los tratamientos de punción seca a las necesidades específicas de cada persona, lo que la convierte en un enfoque versátil y personalizado para el control del dolor y la rehabilitación.
