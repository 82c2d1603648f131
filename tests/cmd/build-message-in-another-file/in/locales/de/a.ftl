a1 = Erste
