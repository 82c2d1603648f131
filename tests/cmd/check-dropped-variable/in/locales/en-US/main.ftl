welcome = Welcome, { $name }!
farewell = See you soon
