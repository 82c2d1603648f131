dose = Take 10 mg twice a day
title = Dry Needling
note = Call us
