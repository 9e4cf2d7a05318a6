"""`python -m deploygates` is the `deploygates` command."""

import sys

from deploygates.cli import main

sys.exit(main())
