### carta build: en-US (fallback: en-US).
### Every source message, each from the first locale of the chain that has it.

a1 = First

a2 = Second

b1 = Third
