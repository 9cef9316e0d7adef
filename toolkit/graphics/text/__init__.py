"""The text engine: break, balance, shrink and draw text in a box, with font fallback and bidi."""
