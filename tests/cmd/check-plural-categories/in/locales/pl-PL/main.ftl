unread =
    { $count ->
        [one] Masz jedną nową wiadomość
        [few] Masz { $count } nowe wiadomości
        [many] Masz { $count } nowych wiadomości
       *[other] Masz { $count } nowej wiadomości
    }
