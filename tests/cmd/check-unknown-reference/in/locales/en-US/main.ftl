help = Read the guide
intro = Start here, then { help }
