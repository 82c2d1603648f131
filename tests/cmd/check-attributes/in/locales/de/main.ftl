login = Anmelden
logout = Abmelden
    .title = Sitzung beenden
