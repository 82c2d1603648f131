needle = Beim Dry Needling wird eine dünne Nadel verwendet.
