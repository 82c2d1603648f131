help = Leggi la guida
intro = Inizia qui, poi { help }
