unread =
    { $count ->
        [one] Sie haben { $number } neue Nachricht
       *[other] Sie haben { $count } neue Nachrichten
    }
