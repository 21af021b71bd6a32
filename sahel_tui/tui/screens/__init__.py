"""One module per screen: main (the panes), reader, profile, help."""
