# fluent-bundle 0.16 panics formatting this message (more than 100 placeables,
# and nested placeables): projectfluent/fluent-rs#242.
sessions = { { total } } { { total } } { { total } } { { total } }
total = { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n } { $n }
