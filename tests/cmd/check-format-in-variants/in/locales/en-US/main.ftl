items = { $count ->
    [one] One item
   *[other] { NUMBER($count) } items
}
