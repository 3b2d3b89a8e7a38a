"""`python -m certsync.sync` runs the certsync command line."""

from certsync.sync.cli import main

main()
