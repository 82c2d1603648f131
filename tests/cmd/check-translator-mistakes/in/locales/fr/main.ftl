a = Alpha-fr
#b = Bêta
    .body = Corps
c = Bonjour, { $name
d = Étoile : {'*'}
e = Citation : {“x”}
f = Corps
