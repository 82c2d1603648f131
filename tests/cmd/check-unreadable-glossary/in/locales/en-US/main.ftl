needle = Dry needling uses a thin needle.
