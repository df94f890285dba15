"""Syncing read state, stars, tags, article notes and feeds with a server: Tiny Tiny RSS, or one
speaking the Google Reader API (FreshRSS, Inoreader, The Old Reader, Miniflux)."""
