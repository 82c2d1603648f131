greeting = Hallo, Freund
farewell = Bis bald
greeting = Hallo, Freundin
