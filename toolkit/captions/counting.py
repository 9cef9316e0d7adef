"""Count caption length the way each platform counts it and report limits it breaks.

`count`, `fits` and `limit_problems` read every line break as one LF, as a browser's text box
submits it; the `COUNTERS` themselves count the text exactly as given.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

URL_WEIGHT = 23
EMOJI_WEIGHT = 2

# twitter-text config v3: these code point ranges weigh 1, everything else 2.
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))

_LIGHT_CHAR = regex.compile(
    "[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _LIGHT_RANGES) + "]"
)

_GRAPHEME = regex.compile(r"\X")

# A grapheme is an emoji when it is a flag, a keycap, or holds a pictograph shown as emoji by
# default or forced to emoji by U+FE0F; a bare digit or a bare (c) stays plain text.
_EMOJI = regex.compile(
    r"\p{Regional_Indicator}|[0-9#*]\uFE0F?\u20E3|\p{Emoji_Presentation}"
    r"|\p{Extended_Pictographic}\uFE0F"
)

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_UNICODE_LABEL = r"\w(?:[\w-]{0,61}\w)?"
_TLD = r"(?:[a-z]{2,}|xn--[a-z0-9-]+)(?![a-z0-9_\-])"
# CJK and other letters outside these scripts end a URL path, as in twitter-text.
_PATH_CHAR = r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Nd}\p{M}_\-.~:/?#\[\]@!$&'()*+,;=%|]"
_TAIL = rf"(?::\d{{1,5}})?(?:[/?#]{_PATH_CHAR}*)?"

# As in twitter-text: a link may follow any character but an ASCII letter or digit, @, # or $;
# with a scheme the host may be Unicode, without one it must be ASCII and not an e-mail's.
URL_RE = regex.compile(
    rf"(?<![a-z0-9@＠$#＃])https?://(?:{_UNICODE_LABEL}\.)+(?:{_TLD}|[^\W\d_]{{2,}}(?![\w-]))"
    rf"{_TAIL}|(?<![a-z0-9@＠$#＃._/\-])(?:{_LABEL}\.)+{_TLD}(?!@){_TAIL}",
    regex.IGNORECASE,
)
_TRAILING_PUNCT = ".,;:!?'\"*»”’>]}"

# Mastodon's Account::MENTION_RE: a remote mention counts as its local part only.
_MASTODON_MENTION = regex.compile(
    r"(?<![=/\w])@([a-z0-9_]+)(?:@\w+(?:[.\-]+\w+)*)?", regex.IGNORECASE
)
_HASHTAG = regex.compile(r"(?<![\w&#＃/])[#＃](?=\w*[^\W\d_])\w+")

_NEWLINE = regex.compile(r"\r\n?")

BLUESKY_MAX_BYTES = 3000


def _trim_url(url: str) -> str:
    """Drop trailing punctuation and an unbalanced closing parenthesis from a matched URL."""
    while url and (
        url[-1] in _TRAILING_PUNCT or (url[-1] == ")" and url.count(")") > url.count("("))
    ):
        url = url[:-1]
    return url


def find_urls(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of links, with or without a scheme, as X detects them."""
    return [
        (match.start(), match.start() + len(_trim_url(match.group())))
        for match in URL_RE.finditer(text)
    ]


def _split_by_spans(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[bool, str]]:
    """Yield (is_span, piece) pieces of text, alternating between spans and the text between."""
    position = 0
    for start, end in spans:
        yield False, text[position:start]
        yield True, text[start:end]
        position = end
    yield False, text[position:]


def graphemes(text: str) -> list[str]:
    """Split text into Unicode extended grapheme clusters."""
    return _GRAPHEME.findall(text)


def is_emoji(grapheme: str) -> bool:
    """Tell whether one grapheme cluster renders as an emoji."""
    return _EMOJI.search(grapheme) is not None


def _code_point_weights(text: str) -> int:
    return 2 * len(text) - len(_LIGHT_CHAR.findall(text))


def _twitter_plain_weight(text: str) -> int:
    """Code point weights, except that a whole emoji weighs EMOJI_WEIGHT."""
    weight = _code_point_weights(text)
    if _EMOJI.search(text):
        emoji = filter(is_emoji, graphemes(text))
        weight -= sum(_code_point_weights(cluster) - EMOJI_WEIGHT for cluster in emoji)
    return weight


def count_twitter(text: str) -> int:
    """Weighted length by twitter-text config v3: NFC, URLs 23, emoji 2, CJK and others 2.

    Links without a scheme are recognised on any alphabetic TLD of two or more letters, not on
    twitter-text's TLD list, so `file.txt` counts 23: this errs toward over-counting.
    """
    text = unicodedata.normalize("NFC", text)
    return sum(
        URL_WEIGHT if is_url else _twitter_plain_weight(piece)
        for is_url, piece in _split_by_spans(text, find_urls(text))
    )


def count_graphemes(text: str) -> int:
    """Number of extended grapheme clusters (Bluesky's `maxGraphemes` unit)."""
    return len(graphemes(text))


def utf8_bytes(text: str) -> int:
    """Length in UTF-8 bytes (Bluesky's `maxLength` unit)."""
    return len(text.encode("utf-8"))


def utf16_units(text: str) -> int:
    """Length in UTF-16 code units, as JavaScript's `String.length` reports it.

    Assumed for Instagram, LinkedIn and Facebook, which do not document their unit.
    """
    return len(text.encode("utf-16-le")) // 2


def code_points(text: str) -> int:
    """Length in Unicode code points."""
    return len(text)


def _is_scheme_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def count_mastodon(text: str) -> int:
    """Mastodon's count: graphemes, each http(s) URL 23, `@user@domain` as `@user`.

    Pass the content warning and the text joined, as the server counts both together.
    """
    spans = [(start, end) for start, end in find_urls(text) if _is_scheme_url(text[start:end])]
    return sum(
        URL_WEIGHT if is_url else count_graphemes(_MASTODON_MENTION.sub(r"@\1", piece))
        for is_url, piece in _split_by_spans(text, spans)
    )


def count_threads(text: str) -> int:
    """Threads' count: code points, except each emoji counts its UTF-8 byte length."""
    return sum(
        utf8_bytes(cluster) if is_emoji(cluster) else len(cluster) for cluster in graphemes(text)
    )


def count_hashtags(text: str) -> int:
    """Number of hashtags (`#` plus a word with a letter), ignoring `#` inside links."""
    plain = "".join(piece for is_url, piece in _split_by_spans(text, find_urls(text)) if not is_url)
    return len(_HASHTAG.findall(plain))


COUNTERS: dict[str, Callable[[str], int]] = {
    "twitter": count_twitter,
    # Links count in full: the app's shortening of link text on posting is not relied on.
    "bluesky": count_graphemes,
    "mastodon": count_mastodon,
    "threads": count_threads,
    "instagram": utf16_units,
    "linkedin": utf16_units,
    "facebook": utf16_units,
    "characters": code_points,
}

UNITS: dict[str, str] = {
    "twitter": "weighted characters",
    "bluesky": "graphemes",
    "mastodon": "characters",
    "threads": "characters",
    "instagram": "characters",
    "linkedin": "characters",
    "facebook": "characters",
    "characters": "characters",
}


@dataclass(frozen=True)
class FixedLimit:
    """A limit a counting rule always carries besides the configured one."""

    measure: Callable[[str], int]
    maximum: int
    unit: str


FIXED_LIMITS: dict[str, tuple[FixedLimit, ...]] = {
    "bluesky": (FixedLimit(utf8_bytes, BLUESKY_MAX_BYTES, "UTF-8 bytes"),),
}


def _counter(rule: str) -> Callable[[str], int]:
    try:
        return COUNTERS[rule]
    except KeyError:
        known = ", ".join(sorted(COUNTERS))
        raise ValueError(f"unknown counting rule {rule!r} (known: {known})") from None


def _as_submitted(text: str) -> str:
    return _NEWLINE.sub("\n", text)


def count(rule: str, text: str) -> int:
    """Length of text under the named counting rule."""
    return _counter(rule)(_as_submitted(text))


def limit_problems(rule: str, text: str, limit: int, max_hashtags: int | None = None) -> list[str]:
    """Describe every limit text breaks under rule; an empty list means it fits."""
    text = _as_submitted(text)
    checks = [(count(rule, text), limit, UNITS[rule])] + [
        (fixed.measure(text), fixed.maximum, fixed.unit) for fixed in FIXED_LIMITS.get(rule, ())
    ]
    problems = [f"caption is {n} of {most} {unit}" for n, most, unit in checks if n > most]
    if max_hashtags is not None and (tags := count_hashtags(text)) > max_hashtags:
        problems.append(f"caption has {tags} hashtags; at most {max_hashtags} allowed")
    return problems


def fits(rule: str, text: str, limit: int) -> bool:
    """Tell whether text keeps within limit and every fixed limit of rule."""
    return not limit_problems(rule, text, limit)
