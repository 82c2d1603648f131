b1 = Dritte

## carta: obsolete: these translations are no longer in the source. They are kept so no
## work is lost: reuse what you need, then delete them (or run `carta sync --prune`).

a2 = Zweite
