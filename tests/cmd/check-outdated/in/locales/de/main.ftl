greeting = Hallo
farewell = Bis bald
