"""What `toolkit serve` needs beside the build: an HTTP server with live reload, a file watcher."""
