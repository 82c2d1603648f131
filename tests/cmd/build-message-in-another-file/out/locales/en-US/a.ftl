a1 = First
a2 = Second
