help = Lies die Anleitung
intro = Fang hier an, dann { hilfe }
