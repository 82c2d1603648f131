tip = Lies den vollständigen Leitfaden auf [unserer Seite](https://example.com/anleitung).
farewell = Bis bald
