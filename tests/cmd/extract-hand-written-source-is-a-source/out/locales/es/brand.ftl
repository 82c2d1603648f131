-clinic = Clínica Riverside

# TODO clinic-phone = Call { -clinic }: 555-0100
