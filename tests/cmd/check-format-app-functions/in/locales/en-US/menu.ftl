# PLATFORM() is provided by the app (as in Firefox), so translations may call it too.
menu-quit =
    { PLATFORM() ->
        [windows] Exit
       *[other] Quit
    }
menu-size = Size: { $bytes }
