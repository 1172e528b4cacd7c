"""``python -m wenlint`` runs the command line."""
import sys

from wenlint.cli import main

sys.exit(main())
