"""Feeds: fetch over HTTP, parse into article drafts, import and export subscriptions."""
