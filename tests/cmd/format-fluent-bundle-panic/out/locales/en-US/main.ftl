# Variables:
#   $n (Number) - how many
sessions = { $n } sessions
total = Total: { $n }
