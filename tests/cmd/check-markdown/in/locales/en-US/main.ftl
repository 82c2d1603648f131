tip = Read the **full guide** on [our site](https://example.com/guide).
farewell = See you soon
