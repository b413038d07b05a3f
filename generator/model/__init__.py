"""The typed records the templates see, the catalog that indexes them, and the timeline's pages."""
