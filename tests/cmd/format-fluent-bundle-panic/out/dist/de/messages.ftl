### carta build: de (fallback: de → en-US).
### Every source message, each from the first locale of the chain that has it.

sessions = { $n } sessions

total = { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n }
