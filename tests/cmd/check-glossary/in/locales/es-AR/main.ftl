intro = La punción seca trata el punto gatillo.
farewell = Hasta pronto
