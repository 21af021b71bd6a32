"""`python -m sahel_tui` is the same as the `sahel-tui` command."""
import sys

from .cli import main

sys.exit(main())
