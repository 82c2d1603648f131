### Translation of content/dry-needling.md into pt-BR.
### Lines starting with "# TODO" are messages still to translate: delete "# TODO " (and "# " on
### the lines below it), then replace the English after "=" with your translation.
### Run `carta check --locale pt-BR` to see what is missing or outdated.

dry-needling-title = Agulhamento seco e seus benefícios

## What is Dry Needling?

dry-needling-what-is-dry-needling-heading = O que é o agulhamento seco?

dry-needling-what-is-dry-needling-text = O agulhamento seco é uma técnica terapêutica utilizada por alguns profissionais de saúde, entre eles os fisioterapeutas, para tratar dores e disfunções musculoesqueléticas e neuromusculares. Consiste na inserção de agulhas finas de monofilamento em pontos específicos dentro e ao redor de músculos, tendões e outros tecidos moles.

## 10 Benefits of Dry Needling

dry-needling-benefits-of-dry-needling-heading = 10 benefícios do agulhamento seco

dry-needling-benefit-pain-relief = Alívio da dor
    .body = O agulhamento seco é uma ferramenta eficaz que pode ser usada para aliviar a dor ao atuar sobre pontos-gatilho, músculos tensos, nervos irritados e áreas com dor crônica.

dry-needling-benefit-improved-range-of-motion = Melhora da amplitude de movimento
    .body = Ao atuar sobre as tensões e os pontos-gatilho nos músculos e liberá-los, o agulhamento seco pode contribuir para aumentar a flexibilidade e melhorar a mobilidade, auxiliando na reabilitação e em uma melhor mecânica durante os exercícios.

dry-needling-benefit-enhanced-muscle-function-and-neuromuscular-control = Melhora da função muscular e do controle neuromuscular
    .body = Esta técnica pode atuar sobre músculos específicos e estimular sua ativação, ajudando os músculos a funcionar de forma mais eficiente e favorecendo um melhor desenvolvimento, controle e coordenação musculares, além da saúde muscular em geral.

dry-needling-benefit-accelerated-healing = Cicatrização acelerada
    .body = O agulhamento seco provoca um microtrauma na área, o que facilita os processos naturais de cicatrização do corpo: desencadeia uma resposta inflamatória, favorece o fluxo sanguíneo, aumentando o aporte de oxigênio e nutrientes aos tecidos, e aumenta a liberação de endorfinas para o controle da dor; tudo isso contribui para uma recuperação mais rápida.

dry-needling-benefit-localized-treatment = Tratamento localizado
    .body = O agulhamento seco permite o tratamento direcionado de áreas específicas, possibilitando que os fisioterapeutas tratem problemas localizados com precisão e evitem intervenções desnecessárias em áreas não afetadas.

dry-needling-benefit-deeper-treatment = Tratamento mais profundo
    .body = Por meio do agulhamento, é possível alcançar tecidos e articulações a uma profundidade que as mãos, sozinhas, não conseguem atingir.

dry-needling-benefit-chronic-pain-management = Controle da dor crônica
    .body = Nas condições crônicas, o corpo fica preso em um ciclo em que não consegue curar a área por si só. O agulhamento seco provoca um microtrauma que pode reiniciar o processo inflamatório e ajudar o corpo a voltar a se curar sozinho.

dry-needling-benefit-treatment-of-nerve-pain = Tratamento da dor de origem nervosa
    .body = O agulhamento seco pode influenciar o sistema nervoso ao atuar sobre os neurotransmissores e a sinalização nervosa. Essa neuromodulação pode ajudar a controlar e reduzir a dor de origem nervosa em condições como a síndrome da dor regional complexa, a fibromialgia e a hipersensibilidade. O microtrauma causado pelo agulhamento estimula um aumento repentino do fluxo sanguíneo para as áreas tratadas, o que pode nutrir os nervos e favorecer a cicatrização.

dry-needling-benefit-complementary-to-other-therapies = Complemento a outras terapias
    .body = O agulhamento seco pode ser integrado a um plano abrangente de fisioterapia, complementando outros tratamentos, como a terapia manual e os exercícios, em uma abordagem holística da reabilitação.

dry-needling-benefit-customized-treatment = Tratamento personalizado
    .body = Os fisioterapeutas podem adaptar o tratamento com agulhamento seco às necessidades específicas de cada pessoa, o que o torna uma abordagem versátil e personalizada para o controle da dor e a reabilitação.
