"""Entry point for `python -m sp_data`."""
import sys

from sp_data.cli import main

sys.exit(main())
