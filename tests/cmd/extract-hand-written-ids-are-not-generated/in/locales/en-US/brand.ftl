### Written by hand: shared by all handouts.

-clinic = Riverside Clinic

clinic-care-title = { -clinic } care
