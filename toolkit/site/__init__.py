"""The toolkit site: a page per campaign and language, kits, calendars and the index."""

from __future__ import annotations

from toolkit.site.write import check_pages, write_index, write_site

__all__ = ["check_pages", "write_index", "write_site"]
