a = Alpha
b = Beta
    .body = Beta body
c = Hello, { $name }
d = Star: {"*"}
e = Quote: {"x"}
f = Body
    .body = Text
