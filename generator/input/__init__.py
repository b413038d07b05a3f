"""Reading the project: strict YAML with positions, EDTF dates, the schema, what content/ may hold, git history."""
