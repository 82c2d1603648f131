hello = Hallo { $name }
