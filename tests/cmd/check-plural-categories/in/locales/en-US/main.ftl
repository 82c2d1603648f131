unread =
    { $count ->
        [one] You have one new message
       *[other] You have { $count } new messages
    }
