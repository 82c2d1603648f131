greeting = Hallo, Freund
farewell = Bis bald
old-offer = Altes Angebot
