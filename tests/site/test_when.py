"""Date texts on the page stay readable in right-to-left languages."""

from __future__ import annotations

import datetime as dt

from toolkit.site.context import _when


def test_offset_is_isolated_and_unbreakable() -> None:
    start = dt.datetime(2026, 3, 2, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    assert _when(start) == "2026-03-02 18:00 \u2066(UTC-\u206008:00)\u2069"


def test_dates_without_offset_or_time() -> None:
    assert _when(dt.datetime(2026, 3, 2, 18, 0)) == "2026-03-02 18:00"
    assert _when(dt.date(2026, 3, 2)) == "2026-03-02"
