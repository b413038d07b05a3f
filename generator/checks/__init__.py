"""Checking the files: schema and cross-reference rules, lint warnings, the audit, problem reports."""
