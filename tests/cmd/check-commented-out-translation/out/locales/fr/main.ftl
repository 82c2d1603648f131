greeting = Bonjour

# TODO farewell = Au revoir
