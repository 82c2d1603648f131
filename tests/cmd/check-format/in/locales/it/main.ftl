first = Primo passo
second = Secondo passo
