### Translation of content/dry-needling.md into vi.
### Lines starting with "# TODO" are messages still to translate: delete "# TODO " (and "# " on
### the lines below it), then replace the English after "=" with your translation.
### Run `carta check --locale vi` to see what is missing or outdated.

dry### Translation of content/dry-needling.md into pt-BR.
### Lines starting with "# TODO" are messages still to translate: delete "# TODO " (and "# " on
### the lines below it), then replace the English after "=" with your translation.
### Run `carta check --locale pt-BR` to see what is missing or outdated.

dry-needling-title = Agulhamento seco e seus benefícios

## What is Dry Needling?

dry-needling-what-is-dry-needling-heading = O que é o agulhamento seco?

dry-needling-what-is-dry-needling-text = O agulhamento seco é uma técnica terapêutica utilizada por alguns-needling-title = Châm kim khô và p những lợirofissiona is de saúích

##