"""``python -m verify``: the same as the ``verify`` command."""
import sys

from .cli import main

sys.exit(main())
