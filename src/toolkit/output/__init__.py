"""Writing the build output."""
