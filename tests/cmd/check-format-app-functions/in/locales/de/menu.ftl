menu-quit =
    { PLATFORM() ->
        [windows] Beenden
       *[other] Beenden
    }
# A function neither Fluent nor the source provides.
menu-size = Größe: { FILESIZE($bytes) }
