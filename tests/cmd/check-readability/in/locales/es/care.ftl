care-title = Después de su visita
care-what-to-do-heading = Qué hacer
care-what-to-do-text = Beba agua. Descanse hoy. Camine un poco cada día.
care-item-sore-spots = Zonas doloridas
    .body = Puede sentir dolor durante uno o dos días. Es normal.
care-item-call-us = Llámenos
    .body = Llame si el dolor empeora.
