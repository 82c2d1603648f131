greeting = Ciao, amico
farewell = A presto
