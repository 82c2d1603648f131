care-title = Depois da sua consulta
care-what-to-do-heading = O que fazer
care-what-to-do-text = Beba água. Descanse hoje. Caminhe um pouco todo dia.
