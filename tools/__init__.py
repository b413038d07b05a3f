"""Developer tools, not shipped in the wheel: the benchmark, the synthetic corpora, a driven `mkdocs serve`."""
