"""The campaign timeline: pipeline.py runs input, checks, model and output; engines/ drive the site engines."""
