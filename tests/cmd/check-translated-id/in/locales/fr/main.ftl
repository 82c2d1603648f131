puncion-seca-titulo = Punción seca
dry-needling-intro = Qué es
