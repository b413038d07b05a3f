"""What runs a site engine: the MkDocs plugin, the site build and its post-build passes, the preview."""
