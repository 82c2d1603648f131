### carta build: en-US (fallback: en-US).
### Every source message, each from the first locale of the chain that has it.

greeting = Hello

welcome = Welcome
