welcome = Willkommen!
farewell = Bis bald
