greeting = Bonjour
thanks = Merci
