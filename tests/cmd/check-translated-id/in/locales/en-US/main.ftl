dry-needling-title = Dry Needling
dry-needling-intro = What it is
