menu-quit =
    { PLATFORM() ->
        [windows] Esci
       *[other] Esci
    }
menu-size = Dimensione: { NUMBER($bytes) }
