hello = {"\Uƽ"} Hola
