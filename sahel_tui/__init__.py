"""sahel-tui: an offline terminal briefing reader for the central Sahel."""

__version__ = "0.1.0"
