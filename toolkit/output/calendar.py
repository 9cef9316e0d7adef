"""A campaign's key dates as an RFC 5545 calendar, plus Google Calendar links to each date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from toolkit import __version__
from toolkit.load.campaign import Campaign

PRODID = f"-//Campaign Toolkit//campaign-toolkit {__version__}//EN"
# A date with a start time but no end lasts an hour in calendars (and on Google Calendar).
DEFAULT_DURATION = dt.timedelta(hours=1)
LINE_OCTETS = 75
_LINE_BREAK = re.compile("\n|\x0b|\x0c|\x1c|\x1d|\x1e|\x85|\u2028|\u2029")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_URI_UNSAFE = re.compile("[\x00-\x20\x7f-\x9f\u2028\u2029\"]")
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"


@dataclass(frozen=True)
class Event:
    """One key date with its times resolved: all-day events end on the day after (exclusive)."""

    uid: str
    title: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    location: str
    description: str
    url: str

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def campaign_events(campaign: Campaign, lang: str) -> list[Event]:
    """The campaign's dates in lang, in the order the campaign lists them."""
    host = urlsplit(campaign.file.url).hostname or "campaign-toolkit"
    seen: dict[str, int] = {}
    events = []
    for date in campaign.file.dates:
        stamp = _compact(date.start)
        seen[stamp] = seen.get(stamp, 0) + 1
        # Stable while titles are edited or other dates are added: slug, start, and ordinal.
        uid = f"{campaign.slug}-{stamp}-{seen[stamp]}@{escape_uri(host)}"
        events.append(Event(uid, campaign.text(date.title, lang), date.start,
                            _end(date.start, date.end), campaign.text(date.location, lang),
                            campaign.text(date.description, lang), campaign.file.url))
    return events


def _end(start: dt.date | dt.datetime, end: dt.date | dt.datetime | None) -> dt.date | dt.datetime:
    if isinstance(start, dt.datetime):
        if isinstance(end, dt.datetime):
            return end
        return start + DEFAULT_DURATION
    # An all-day end in the campaign file is the last day; DTEND is the day after it.
    last = end.date() if isinstance(end, dt.datetime) else (end or start)
    return max(last, start) + dt.timedelta(days=1)


def _compact(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
            return value.strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _stamp(value: dt.date | dt.datetime) -> str:
    """DTSTAMP must be UTC; derived from the event so that rebuilding changes nothing."""
    if not isinstance(value, dt.datetime):
        return value.strftime("%Y%m%dT000000Z")
    if value.tzinfo is None:
        return value.strftime("%Y%m%dT%H%M%SZ")
    return _compact(value)


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped; other control
    characters (which no calendar shows, and some read as line ends) dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "\n".join(_CONTROL.sub("", line) for line in _LINE_BREAK.split(value))
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def escape_uri(value: str) -> str:
    """A URI property value: anything that could end the line or the value percent-encoded."""
    return _URI_UNSAFE.sub(lambda found: quote(found.group(), safe=""), value)


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 sequence."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _date_property(name: str, value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return f"{name}:{_compact(value)}"
    return f"{name};VALUE=DATE:{_compact(value)}"


def _event_lines(event: Event) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{_stamp(event.start)}",
             _date_property("DTSTART", event.start), _date_property("DTEND", event.end),
             f"SUMMARY:{escape_text(event.title)}"]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    lines += [f"URL:{escape_uri(event.url)}",
              "TRANSP:TRANSPARENT" if event.all_day else "TRANSP:OPAQUE", "END:VEVENT"]
    return lines


def calendar_ics(campaign: Campaign, lang: str) -> str:
    """The whole calendar: CRLF line ends, folded lines, one VEVENT per key date."""
    name = campaign.text(campaign.file.title, lang)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    for event in campaign_events(campaign, lang):
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def google_calendar_url(event: Event) -> str:
    """Google Calendar's event template link (an outbound link the visitor chooses to open)."""
    params = [("action", "TEMPLATE"), ("text", event.title),
              ("dates", f"{_compact(event.start)}/{_compact(event.end)}"),
              ("details", "\n\n".join(p for p in (event.description, event.url) if p)),
              ("location", event.location)]
    # Google reads `dates` as START/END; the slash stays literal as in its own links.
    query = "&".join(f"{k}={quote(v, safe='/' if k == 'dates' else '')}" for k, v in params if v)
    return f"{GOOGLE_CALENDAR}?{query}"
