"""Graphics: draw one planned image job and encode it to bytes, with no other side effects."""
