"""A campaign of N link-preview cards: `headline` layout, `facebook` format, one language.

Used by bench/peer.py (side by side with the MkDocs Material social plugin) and for profiling:

    .venv/bin/python bench/cards.py /tmp/cards --cards 200
    cd /tmp/cards && python -m cProfile -o prof.out -m toolkit build --jobs 1
"""

from __future__ import annotations

import argparse
from pathlib import Path

SUBJECTS = ("Fund care", "Public safety", "Our streets", "Crisis response", "Housing first",
            "Clean air", "Safe schools", "Night buses", "Mental health", "Library hours")
VERBS = ("not cages", "starts with neighbours", "needs your voice", "before the vote",
         "is a budget choice", "works when we show up", "for every district",
         "at City Hall on Tuesday", "beyond the police", "that lasts")
SUBHEADS = ("Tell the council before the vote", "Public comment opens at 10 am",
            "Read the plan and share it", "Sign the letter in two minutes",
            "Bring a friend to the hearing")


def headline(n: int) -> str:
    """A headline of 3 to 9 words that differs from card to card (with one *emphasis*)."""
    subject, verb = SUBJECTS[n % len(SUBJECTS)], VERBS[(n // len(SUBJECTS)) % len(VERBS)]
    extra = " in 2025" if n % 3 == 0 else (", together" if n % 3 == 1 else "")
    return f"{subject} *{verb}*{extra} #{n}"


def subhead(n: int) -> str:
    return f"{SUBHEADS[n % len(SUBHEADS)]}, card {n}"


def make_cards(root: Path, cards: int, lang: str = "en") -> list[tuple[str, str]]:
    """Write a workspace with one campaign of `cards` headline posts, facebook only; returns
    each card's (headline, subhead) without emphasis marks."""
    campaign = root / "campaigns/cards"
    campaign.mkdir(parents=True, exist_ok=True)
    lines = ["title: Cards benchmark", "url: https://example.org/cards",
             f"languages: [{lang}]", "formats: [facebook]", "posts:"]
    texts = []
    for n in range(1, cards + 1):
        title, sub = headline(n), subhead(n)
        texts.append((title.replace("*", ""), sub))
        lines += [f"  - id: card-{n}", "    layout: headline", "    text:",
                  f'      headline: {{{lang}: "{title}"}}', f'      subhead: {{{lang}: "{sub}"}}']
    (campaign / "campaign.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--cards", type=int, default=200)
    args = parser.parse_args()
    make_cards(args.folder, args.cards)


if __name__ == "__main__":
    main()
