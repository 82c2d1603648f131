### Terms shared by all handouts: written by hand.

-clinic = Riverside Clinic
