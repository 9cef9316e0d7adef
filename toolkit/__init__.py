"""Campaign Toolkit: a YAML campaign in, a complete social media toolkit out."""

__version__ = "0.1.0"
