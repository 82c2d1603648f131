greeting = Hello
farewell = Goodbye
