question = Necesitas ayuda?
done = Todo listo!
