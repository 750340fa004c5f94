"""The web shell: the app factory, extensions, security, languages, errors, inputs,
logs, rate limits, live fragments, the clock and the SQLite writer queue."""
