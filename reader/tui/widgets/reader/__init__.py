"""The reader pane and what it draws: the body, its layers (highlights, matches, the caret), notes."""
