settings = Einstellungen
    .label = Einstellungen öffnen
greeting =
    .label = Hallo, Freund
