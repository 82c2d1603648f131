dose = Take 2 tablets every 8 hours
farewell = See you soon
