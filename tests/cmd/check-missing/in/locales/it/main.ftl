greeting = Ciao, amico
farewell = A presto
thanks = Grazie mille
welcome = Bentornato
