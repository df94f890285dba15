"""Highlights and notes on articles: the model, anchoring to the text, export and import."""
