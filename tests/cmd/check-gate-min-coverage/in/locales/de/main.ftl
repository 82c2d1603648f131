greeting = Hallo, Freund
farewell = Bis bald
thanks = Vielen Dank

# TODO welcome = Welcome back
