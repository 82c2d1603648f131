warning = Attention: lisez ceci!
question = Prêt ?
