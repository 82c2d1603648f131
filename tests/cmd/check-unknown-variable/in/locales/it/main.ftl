unread =
    { $count ->
        [one] Hai un nuovo messaggio
       *[other] Hai { $count } nuovi messaggi
    }
