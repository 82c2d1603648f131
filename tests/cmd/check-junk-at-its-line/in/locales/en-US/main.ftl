greeting = Hello
farewell = Goodbye, { $name }
thanks = Thank you
