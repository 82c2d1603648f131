dose = Zweimal täglich ‮10 mg‬ nehmen
# A zero-width space no longer hides untranslated text from `identical`.
title = Dry​ Needling
note = Rufen Sie uns an
