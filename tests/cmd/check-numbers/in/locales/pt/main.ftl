# Numbers written as literal placeables are numbers too (W006 used to fire here).
dose = Tome { 2 } comprimidos a cada { 8 } horas
farewell = Até logo
