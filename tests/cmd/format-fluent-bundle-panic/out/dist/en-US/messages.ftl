### carta build: en-US (fallback: en-US).
### Every source message, each from the first locale of the chain that has it.

sessions = { $n } sessions

total = Total: { $n }
