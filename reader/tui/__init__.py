"""The terminal UI: everything that imports Textual, and nothing else."""
