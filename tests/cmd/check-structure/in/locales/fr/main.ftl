title = Puncture sèche : « # » au milieu
steps =
    D’bord se reposer
    - puis marcher
