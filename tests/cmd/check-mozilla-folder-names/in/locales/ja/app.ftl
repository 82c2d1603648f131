files = { $count ->
   *[other] { $count } 個のファイル
}
open = 開く
