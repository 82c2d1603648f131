greeting = Hola
