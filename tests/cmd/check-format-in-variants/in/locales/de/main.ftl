# FOO() is only in the [one] variant: formatting with a single sample value misses it.
items = { $count ->
    [one] { FOO() } Ding
   *[other] { NUMBER($count) } Dinge
}
