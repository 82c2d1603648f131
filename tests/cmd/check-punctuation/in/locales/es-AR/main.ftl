question = ¿Necesitás ayuda?
done = ¡Todo listo!
