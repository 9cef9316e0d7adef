"""Caption text: composing captions and alt text, platform counting, threads, letters and links."""
