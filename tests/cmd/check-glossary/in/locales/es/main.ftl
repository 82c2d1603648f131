intro = La punción en seco trata el punto de gatillo.
farewell = Hasta pronto
