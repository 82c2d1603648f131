greeting = Hello, friend
farewell = See you soon
