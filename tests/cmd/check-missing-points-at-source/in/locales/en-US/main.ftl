greeting = Hello
farewell = Goodbye
thanks = Thank you
