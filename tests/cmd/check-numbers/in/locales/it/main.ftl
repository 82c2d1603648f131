dose = Prendi 2 compresse ogni 8 ore
farewell = A presto
