warning = Warning: read this!
question = Ready?
