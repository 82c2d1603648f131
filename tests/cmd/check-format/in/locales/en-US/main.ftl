first = First step
second = Second step
