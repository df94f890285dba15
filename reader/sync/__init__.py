"""Syncing read state, stars, tags and article notes with a self-hosted server (Tiny Tiny RSS)."""
