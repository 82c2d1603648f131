greeting = Bonjour
farewell = Au revoir, { $name
thanks = Merci
