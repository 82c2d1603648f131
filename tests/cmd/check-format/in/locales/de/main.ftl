first = { second }
second = { first }
