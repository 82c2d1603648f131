extra-note = Eine zusätzliche Notiz
