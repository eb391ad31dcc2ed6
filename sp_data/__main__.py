"""Entry point for `python -m sp_data`: the product's commands and the tools' (demo, bench).

The one place outside sp_data/tools that imports them: the tools plug into the command line here.
"""
import sys

from sp_data.tools.commands import main

sys.exit(main())
