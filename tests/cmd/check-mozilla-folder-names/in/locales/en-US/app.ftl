files = { $count ->
    [one] One file
   *[other] { $count } files
}
open = Open
