### carta build: de (fallback: de → en-US).
### Every source message, each from the first locale of the chain that has it.

a1 = Erste

a2 = Second

b1 = Dritte
