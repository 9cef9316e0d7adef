"""One module per command; each exposes a `run_<command>` function."""
