welcome = Benvenuto, { $name }!
farewell = A presto
