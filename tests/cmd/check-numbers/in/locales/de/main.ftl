dose = Nehmen Sie alle acht Stunden 2 Tabletten
farewell = Bis bald
