settings =
    .label = Apri le impostazioni
greeting = Ciao, amico
