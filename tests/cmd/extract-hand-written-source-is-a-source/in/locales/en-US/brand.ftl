### Terms and messages shared by all handouts: written by hand, not by carta extract.

-clinic = Riverside Clinic

clinic-phone = Call { -clinic }: 555-0100
