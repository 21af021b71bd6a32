"""The Textual app. Imports Textual and Rich; the core never imports this package."""
