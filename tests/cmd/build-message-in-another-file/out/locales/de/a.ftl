a1 = Erste

# TODO a2 = Second
