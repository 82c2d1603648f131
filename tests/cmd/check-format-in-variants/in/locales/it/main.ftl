items = { $count ->
    [one] Un elemento
   *[other] { NUMBER($count) } elementi
}
