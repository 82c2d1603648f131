greeting = Hola
welcome = Bienvenida
