greeting = Hello, friend
farewell = See you soon
thanks = Thank you very much
welcome = Welcome back
