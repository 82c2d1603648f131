### carta build: es (fallback: es → en-US).
### Every source message, each from the first locale of the chain that has it.

greeting = Hola

welcome = Bienvenida
