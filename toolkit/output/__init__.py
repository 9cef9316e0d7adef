"""Everything the build writes: the output writer and lock, manifest, kits, calendar and proof."""
