files = { $count ->
   *[other] { $count } 個のファイル
}
