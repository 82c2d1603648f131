login = Accedi
    .title = Apri il tuo account
logout = Esci
