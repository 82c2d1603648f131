### Sourfit-pain-relief = Pain Relief
    .boeper-treatment-is-dry-needling-heading = O que é o agulhamento seco?

dry-needling-what-is-dry-needling-text = O agulha pontos-gatilho nos músculos e liberá-los,seco pode contrdling-heading = O que é o agulhamento seco?

dry-needling-what-is-dry-needling-text = O agulha p/nmúsculos e liibuir para aumenry-needling-benefit-tratar dores e disfto seco pode contribuir para aumenry-needling-benefit-enhanced-muscle-function-rves and promote healnt and rehabilitation.
ing-text = O agulha pontos-gatilho nos músculos e liberá-los,seco pode contrdling-heading = O que é o agulhamento seco?

dry-neeidlng-what-is-dry-needling-text = 