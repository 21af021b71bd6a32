"""Word lists the extractors share, each written once (calendar words, number words, ...)."""
