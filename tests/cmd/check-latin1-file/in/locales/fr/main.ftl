greeting = Bonjour
welcome = Bienvenue à la clinique
