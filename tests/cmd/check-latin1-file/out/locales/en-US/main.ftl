greeting = Hello
welcome = Welcome
