"""Render the planned image jobs: reuse cached images, run the rest in a worker pool."""
