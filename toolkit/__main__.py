"""Run the command line interface as `python -m toolkit`."""

from toolkit.cli import main

main()
