settings =
    .label = Open the settings
greeting = Hello, friend
