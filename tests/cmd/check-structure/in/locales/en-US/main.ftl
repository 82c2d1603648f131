title = Dry Needling
steps =
    Rest first
    - then walk
