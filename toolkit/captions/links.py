"""Build share links, e-mail compose links and UTM-tagged URLs.

Every value is percent-encoded with `%20` for a space, never `+`: `+` is a literal plus in
mailto (RFC 6068) and some share endpoints keep it as one.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import regex

# name -> (base URL, {query parameter: template over text, url and subject}).
SHARE_TARGETS: dict[str, tuple[str, dict[str, str]]] = {
    "x": ("https://x.com/intent/tweet", {"text": "{text}", "url": "{url}"}),
    "facebook": ("https://www.facebook.com/sharer/sharer.php", {"u": "{url}"}),
    "linkedin": ("https://www.linkedin.com/sharing/share-offsite/", {"url": "{url}"}),
    "bluesky": ("https://bsky.app/intent/compose", {"text": "{text} {url}"}),
    "threads": ("https://www.threads.com/intent/post", {"text": "{text}", "url": "{url}"}),
    "mastodon": ("https://share.joinmastodon.org/", {"text": "{text} {url}"}),
    "whatsapp": ("https://wa.me/", {"text": "{text} {url}"}),
    "telegram": ("https://t.me/share/url", {"url": "{url}", "text": "{text}"}),
    "email": ("mailto:", {"subject": "{subject}", "body": "{text}\n\n{url}"}),
}

MAILTO_SAFE_LENGTH = 1800

# Characters an addr-spec may keep literally in a mailto URI (RFC 6068 `some-delims` less
# `,`, which separates addresses, and `+`, which form-decoding clients would read as a space).
_ADDRESS_SAFE = "!$'()*;:@"
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
_UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")


def _encode(value: str) -> str:
    return quote(value, safe="")


def _query(params: Sequence[tuple[str, str]]) -> str:
    """Encode (name, value) pairs as a query string, leaving out empty values."""
    return "&".join(f"{name}={_encode(value)}" for name, value in params if value)


def share_url(target: str, text: str, url: str, subject: str = "") -> str:
    """Link that opens the target's composer prefilled with text and url."""
    try:
        base, templates = SHARE_TARGETS[target]
    except KeyError:
        known = ", ".join(sorted(SHARE_TARGETS))
        raise ValueError(f"unknown share target {target!r} (known: {known})") from None
    if url and url in text and any("{text}" in t for t in templates.values()):
        url = ""  # the text already carries the link; a second copy would show twice
    values = {
        name: template.format(text=text, url=url, subject=subject).strip()
        for name, template in templates.items()
    }
    if base == "mailto:":
        return mailto_url([], values["subject"], values["body"])
    return f"{base}?{_query(list(values.items()))}"


def _addresses(addresses: Sequence[str]) -> str:
    return ",".join(quote(address.strip(), safe=_ADDRESS_SAFE) for address in addresses)


def mailto_url(
    to: Sequence[str],
    subject: str,
    body: str,
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
) -> str:
    """RFC 6068 mailto link: `%20` for spaces, CRLF line breaks, empty fields left out."""
    fields = [
        ("cc", _addresses(cc)),
        ("bcc", _addresses(bcc)),
        ("subject", _encode(subject)),
        ("body", _encode(_LINE_BREAK.sub("\r\n", body))),
    ]
    query = "&".join(f"{name}={value}" for name, value in fields if value)
    return f"mailto:{_addresses(to)}" + (f"?{query}" if query else "")


def mailto_too_long(url: str) -> bool:
    """Tell whether a mailto link is past the length every common mail client opens whole."""
    return len(url) > MAILTO_SAFE_LENGTH


def gmail_compose_url(to: Sequence[str], subject: str, body: str) -> str:
    """Gmail web compose link (undocumented by Google; `su` is the subject)."""
    params = [("to", ",".join(to)), ("su", subject), ("body", body)]
    return f"https://mail.google.com/mail/?view=cm&fs=1&{_query(params)}"


def outlook_compose_url(to: Sequence[str], subject: str, body: str) -> str:
    """Outlook on the web (work or school account) compose deep link."""
    # Outlook splits recipients on its list separator, `;`, not on RFC 6068's `,`.
    params = [("to", ";".join(to)), ("subject", subject), ("body", body)]
    return f"https://outlook.office.com/mail/deeplink/compose?{_query(params)}"


def _query_key(pair: str) -> str:
    return unquote(pair.split("=", 1)[0])


def add_utm(url: str, source: str, medium: str = "social", campaign: str = "") -> str:
    """Append UTM parameters to url, keeping its query and fragment byte for byte.

    A UTM parameter already in url is replaced by the new value, so the link is tagged once.
    Parameters come in the order utm_source, utm_medium, utm_campaign; empty ones are left out
    and then an existing one of that name stays.
    """
    parts = urlsplit(url)
    utm = [pair for pair in zip(_UTM_KEYS, (source, medium, campaign), strict=True) if pair[1]]
    replaced = {name for name, _ in utm}
    kept = [pair for pair in parts.query.split("&") if pair and _query_key(pair) not in replaced]
    query = "&".join([*kept, _query(utm)]) if utm else "&".join(kept)
    return urlunsplit(parts._replace(query=query))
