### Translation of content/dry-needling.md into es-MX.
### Lines starting with "# TODO" are messages still to translate: delete "# TODO " (and "# " on
### the lines below it), then replace the English after "=" with your translation.
### Run `carta check --locale es-MX` to see what is missing or outdated.

## What is Dry Needling?

## 10 Benefits of Dry Needling
