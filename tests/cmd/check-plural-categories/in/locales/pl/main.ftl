unread =
    { $count ->
        [one] Masz jedną nową wiadomość
       *[other] Masz { $count } nowych wiadomości
    }
