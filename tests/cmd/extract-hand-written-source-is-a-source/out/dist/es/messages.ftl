### carta build: es (fallback: es → en-US).
### Every source message, each from the first locale of the chain that has it.

-clinic = Clínica Riverside

clinic-phone = Call { -clinic__en-US }: 555-0100

dry-needling-title = Punción seca en { -clinic }

dry-needling-what-is-dry-needling-heading = ¿Qué es la punción seca?

dry-needling-what-is-dry-needling-text = La punción seca es una técnica terapéutica que utilizan algunos profesionales de la salud, entre ellos los fisioterapeutas, para tratar el dolor y la disfunción de origen musculoesquelético y neuromuscular. Consiste en la inserción de agujas finas de monofilamento en puntos específicos de los músculos, los tendones y otros tejidos blandos, y a su alrededor.

dry-needling-benefits-of-dry-needling-heading = 10 beneficios de la punción seca

dry-needling-benefit-pain-relief = Alivio del dolor
    .body = La punción seca es una herramienta eficaz que puede utilizarse para aliviar el dolor al actuar sobre los puntos gatillo, los músculos tensos, los nervios irritados y las zonas con dolor crónico.

dry-needling-benefit-improved-range-of-motion = Mayor amplitud de movimiento
    .body = Al actuar sobre la tensión y los puntos gatillo de los músculos y liberarlos, la punción seca puede contribuir a aumentar la flexibilidad y mejorar la movilidad, lo que favorece la rehabilitación y una mejor mecánica al hacer ejercicio.

dry-needling-benefit-enhanced-muscle-function-and-neuromuscular-control = Mejor función muscular y control neuromuscular
    .body = Esta técnica puede actuar sobre músculos específicos y estimular su activación, lo que ayuda a que los músculos funcionen de manera más eficiente y favorece un mejor desarrollo, control y coordinación musculares, así como la salud muscular en general.

dry-needling-benefit-accelerated-healing = Curación acelerada
    .body = La punción seca provoca un microtraumatismo en la zona que facilita los procesos naturales de curación del organismo: desencadena una respuesta inflamatoria, favorece el flujo sanguíneo, lo que aumenta el aporte de oxígeno y nutrientes al tejido, e incrementa la liberación de endorfinas para controlar el dolor; todo ello contribuye a una recuperación más rápida.

dry-needling-benefit-localized-treatment = Tratamiento localizado
    .body = La punción seca hace posible un tratamiento dirigido a zonas específicas, de modo que los fisioterapeutas pueden abordar con precisión los problemas localizados y evitar intervenciones innecesarias en las zonas no afectadas.

dry-needling-benefit-deeper-treatment = Tratamiento más profundo
    .body = Mediante la punción es posible llegar a los tejidos y las articulaciones a una profundidad mayor de la que pueden alcanzar las manos por sí solas.

dry-needling-benefit-chronic-pain-management = Control del dolor crónico
    .body = En las afecciones crónicas, el organismo queda atrapado en un ciclo en el que no logra curar la zona por sí mismo. La punción seca provoca un microtraumatismo que puede reiniciar el proceso inflamatorio y ayudar al organismo a volver a curarse por sí mismo.

dry-needling-benefit-treatment-of-nerve-pain = Tratamiento del dolor neuropático
    .body = La punción seca puede influir en el sistema nervioso al actuar sobre los neurotransmisores y la señalización nerviosa. Esta neuromodulación puede ayudar a controlar y reducir el dolor de origen nervioso en afecciones como el síndrome de dolor regional complejo, la fibromialgia y la hipersensibilidad. El microtraumatismo que provoca la punción estimula un aumento repentino del flujo sanguíneo hacia las zonas tratadas, lo que puede nutrir los nervios y favorecer la curación.

dry-needling-benefit-complementary-to-other-therapies = Complemento de otras terapias
    .body = La punción seca puede incorporarse a un plan integral de fisioterapia como complemento de otros tratamientos, como la terapia manual y el ejercicio, para lograr un enfoque holístico de la rehabilitación.

dry-needling-benefit-customized-treatment = Tratamiento personalizado
    .body = Los fisioterapeutas pueden adaptar los tratamientos de punción seca a las necesidades específicas de cada persona, lo que la convierte en un enfoque versátil y personalizado para el control del dolor y la rehabilitación.

-clinic__en-US = Riverside Clinic
