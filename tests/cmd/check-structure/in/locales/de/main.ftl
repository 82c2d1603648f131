title =
    Trockennadelung
    # Ein Titel im Titel
    ```
steps =
    Erst ruhen
    - dann gehen
