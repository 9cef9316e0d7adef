"""Facts about language codes the whole toolkit shares: which are written right to left."""

from __future__ import annotations

from typing import Literal

Direction = Literal["ltr", "rtl"]

RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"}
)


def base_language(lang: str) -> str:
    """`pt-BR` or `pt_br` as `pt`."""
    return lang.replace("_", "-").split("-")[0].lower()


def language_direction(lang: str) -> Direction:
    """The writing direction of a language code."""
    return "rtl" if base_language(lang) in RTL_LANGUAGES else "ltr"
