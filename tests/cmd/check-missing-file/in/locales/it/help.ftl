help-title = Come ottenere aiuto
