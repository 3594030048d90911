"""agreement.toml in and out: reading a file into the model with line
numbers for every message (load, positions), the guard on every value,
the "[udfyld: …]" placeholders, `docgen init`'s skeleton and the JSON
schema for editors."""
