"""Work the app runs off the UI thread: fetching feeds, analysing entities, indexing for search."""
