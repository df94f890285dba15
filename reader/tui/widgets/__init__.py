"""The main screen's panes: the article list, the reader pane and the entity sidebar."""
