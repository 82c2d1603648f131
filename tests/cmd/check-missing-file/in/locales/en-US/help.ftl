help-title = Getting help
