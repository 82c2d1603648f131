greeting = Hello, friend
farewell = Bis bald
