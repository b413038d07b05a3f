"""The Jinja2 templates of the generated pages: kept at the top of the repository, shipped as the package data
`generator.site_templates` (see pyproject.toml), found by generator/output/render.py through importlib.resources."""
