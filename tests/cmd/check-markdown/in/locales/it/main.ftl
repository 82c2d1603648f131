tip = Leggi la **guida completa** sul [nostro sito](https://example.com/guide).
farewell = A presto
