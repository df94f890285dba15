"""Benchmarks of the store, the app and search, over a generated library of 100,000 articles."""
