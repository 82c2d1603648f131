b1 = Third
