"""The files the code reads, shipped in the package: JSON Schemas, the blocklist, editor/, geo/ base map."""

from pathlib import Path

# This folder, wherever the package is installed: the one locator of the data files.
DATA = Path(__file__).resolve().parent
