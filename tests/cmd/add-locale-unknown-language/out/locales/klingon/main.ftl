### Translation of locales/en-US/main.ftl into klingon.
### Lines starting with "# TODO" are messages still to translate: delete "# TODO " (and "# " on
### the lines below it), then replace the English after "=" with your translation.
### Run `carta check --locale klingon` to see what is missing or outdated.

# TODO greeting = Hello
