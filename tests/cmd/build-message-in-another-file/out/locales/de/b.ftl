b1 = Dritte
a2 = Zweite
