a = A
