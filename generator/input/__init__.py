"""Reading the project: strict YAML with positions, EDTF dates, the schema, content/, cache, history."""
