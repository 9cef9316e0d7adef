"""Caption text: platform character counting and thread splitting."""
