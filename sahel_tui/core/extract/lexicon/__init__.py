"""Word lists the extractors share, each written once: people (speech verbs, titles, nouns) and calendar."""
