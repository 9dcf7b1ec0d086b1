"""Entry point of ``python -m generator``."""

import gc
import sys

from generator.cli import main

# A run builds one large graph of objects, keeps it to the end and exits. The collector's
# default thresholds walk the young objects every 700 allocations: 5-10 % of a run
# (Chatflow 0.46 -> 0.41 s, Twilio's spec in five locales 1.24 -> 1.17 s, measured
# alternating, three runs each), with the same peak memory.
gc.set_threshold(200_000, 30, 30)
sys.exit(main())
