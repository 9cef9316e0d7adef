"""Content-addressed reuse of rendered images: job keys (plan stage) and the on-disk store."""
