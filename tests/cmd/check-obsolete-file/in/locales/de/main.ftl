greeting = Hallo, Freund
farewell = Bis bald
