greeting = Hallo, Freund
broken message without equals
farewell = Bis bald
