"""Line breaking like a typesetter, on the lines the engine sets: numbers, amounts, percentages,
times, dates and addresses are never split; lines avoid ending on an article; quotes and
apostrophes are typographic; the language facts behind these rules are data files."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from toolkit.graphics.text import breakrules, langdata
from toolkit.graphics.text.fit import TextStyle, fit_text
from toolkit.graphics.text.fonts import font_chain, resolve_font
from toolkit.graphics.text.quotes import typographic

INK = (20, 33, 61)
WIDTHS = range(220, 1301, 30)


@pytest.fixture(scope="module")
def style() -> TextStyle:
    chain = font_chain(resolve_font("Inter Bold", Path(".")))
    return TextStyle(chain, max_size=110, min_size=36, color=INK, accent=INK)


# (text, language, phrases that must each stay on one line)
UNBROKEN = [
    ("We served 1,250,000 meals and 1.250.000 more in 2024", "en", ["1,250,000", "1.250.000"]),
    ("Nous avons servi 1 250 000 repas cette année", "fr", ["1 250 000"]),
    ("The city carried over $13.2 million of unspent funds", "en", ["$13.2 million"]),
    ("Pedimos $3 millones o más para la respuesta", "es", ["$3 millones"]),
    ("Solo el 50 por ciento de las llamadas recibe ayuda", "es", ["50 por ciento"]),
    ("Only 50 % of calls get the right help today", "en", ["50 %"]),
    ("La audiencia empieza a las 10:00 a. m. en punto", "es", ["10:00 a. m."]),
    ("Public comment starts at 10:00 AM at City Hall", "en", ["10:00 AM"]),
    ("Comentario público el miércoles 1 de mayo de 2024 en el Ayuntamiento", "es",
     ["1 de mayo de 2024"]),
    ("Public comment on Wednesday, May 1, 2024 at City Hall", "en", ["May 1, 2024"]),
    ("Audiência pública em 1º de maio de 2024 na Câmara", "pt", ["1º de maio de 2024"]),
    ("Audience publique le 1er mai 2024 à l'hôtel de ville", "fr", ["1er mai 2024"]),
    ("Até maio de 2024 a cidade precisa decidir", "pt", ["maio de 2024"]),
    ("تجمع در ۱۵ مهر ۱۴۰۳ ساعت ۱۰ صبح جلوی شهرداری", "fa", ["۱۵ مهر ۱۴۰۳", "ساعت ۱۰ صبح"]),
    ("الخميس 1 مايو أمام مبنى البلدية في وسط المدينة", "ar", ["1 مايو"]),
    ("انضموا إلينا يوم ١ مايو ٢٠٢٤ أمام مبنى البلدية", "ar", ["١ مايو ٢٠٢٤"]),
    ("Los Angeles City Hall, 200 North Spring Street, Los Angeles", "en",
     ["200 North Spring Street"]),
    ("Meet us at 200 N Spring St. before the vote", "en", ["200 N Spring St."]),
    ("Nos vemos en la Calle Mayor 5 antes del voto", "es", ["Calle Mayor 5"]),
    ("Encontro na Rua Augusta, 200 antes da votação", "pt", ["Rua Augusta, 200"]),
    ("Rendez-vous au 5 rue de la Paix avant le vote", "fr", ["5 rue de la Paix"]),
]
GROUP_SEPARATOR_START = regex.compile(r"^[,.\u066b\u066c\u202f]\p{Nd}")
CLOSING_START = regex.compile(r"^[\p{Pe}\p{Pf},.;:!?%»”’]")
UNIT_START = regex.compile(r"^(%|AM|PM|a\. m\.|p\. m\.|million|millones|por ciento)\b",
                           regex.IGNORECASE)


@pytest.mark.parametrize(("text", "lang", "phrases"), UNBROKEN)
def test_numbers_dates_times_and_addresses_stay_on_one_line(
        style: TextStyle, text: str, lang: str, phrases: list[str]) -> None:
    wrapped = 0
    for width in WIDTHS:
        block = fit_text(text, width, 2000, style, lang)
        lines = [line.text for line in block.lines]
        wrapped += len(lines) > 1
        for line in lines:
            assert not GROUP_SEPARATOR_START.match(line), (width, lines)
            assert not CLOSING_START.match(line), (width, lines)
            assert not UNIT_START.match(line), (width, lines)
        if block.fits:  # only a last resort at the minimum size may split them
            for phrase in phrases:
                assert any(phrase in line for line in lines), (width, phrase, lines)
    assert wrapped > 3  # the sweep did make the text wrap


def test_a_glued_date_splits_at_its_spaces_only_as_a_last_resort(style: TextStyle) -> None:
    narrow = TextStyle(style.chain, 60, 60, INK, INK)
    block = fit_text("Miércoles 1 de mayo de 2024", 320, 2000, narrow, "es")
    assert not block.fits
    assert [line.text for line in block.lines] == ["Miércoles", "1 de mayo", "de 2024"]


ARTICLE_TEXTS = [
    ("Una llamada debe traer la ayuda adecuada a cada barrio", "es"),
    ("Uma ligação deve trazer a ajuda certa para cada bairro", "pt"),
    ("Un appel doit apporter la bonne aide à chaque quartier", "fr"),
    ("One call should bring the right help to a neighborhood in need", "en"),
]


def _article_ends(lines: list[str], lang: str) -> int:
    articles = set(langdata.facts().of(lang).words["articles"])
    return sum(line.split()[-1].lower() in articles or len(line.split()[-1]) == 1
               for line in lines[:-1])


@pytest.mark.parametrize(("text", "lang"), ARTICLE_TEXTS)
def test_lines_avoid_ending_on_an_article(
        style: TextStyle, monkeypatch: pytest.MonkeyPatch, text: str, lang: str) -> None:
    priced = unpriced = 0
    for width in WIDTHS:
        block = fit_text(text, width, 2000, style, lang)
        lines = [line.text for line in block.lines]
        priced += _article_ends(lines, lang)
        with monkeypatch.context() as patch:
            patch.setattr(breakrules, "ARTICLE_END_PENALTY", 0.0)
            plain = fit_text(text, width, 2000, style, lang)
        unpriced += _article_ends([line.text for line in plain.lines], lang)
        # never at the cost of the size or of a lone last word
        assert block.size >= plain.size * 0.9
    assert priced < unpriced, (priced, unpriced)


def test_debe_traer_la_ayuda_keeps_the_article_with_its_noun(style: TextStyle) -> None:
    fixed = TextStyle(style.chain, 60, 60, INK, INK)
    # below 550 px "la ayuda adecuada" is too wide for a line: no break of similar quality
    for width in range(550, 1001, 25):
        lines = [line.text for line in
                 fit_text("Una llamada debe traer la ayuda *adecuada*", width, 2000, fixed,
                          "es").lines]
        assert not any(line.endswith(" la") for line in lines[:-1]), (width, lines)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Fund unarmed response in LA's budget", "en", "Fund unarmed response in LA’s budget"),
        ('We need "care", not cops', "en", "We need “care”, not cops"),
        ('Queremos "cuidado", no policías', "es", "Queremos «cuidado», no policías"),
        ('Nous voulons "des soins"', "fr", "Nous voulons « des soins »"),
        ('Wir wollen "Fürsorge"', "de", "Wir wollen „Fürsorge“"),
        ("l'aide d'urgence", "fr", "l’aide d’urgence"),
        ("back in the '90s", "en", "back in the ’90s"),
        ("she said 'now'", "en", "she said ‘now’"),
        ('"*care*" first', "en", "“*care*” first"),
        ('ما "مراقبت" می‌خواهیم', "fa", "ما «مراقبت» می‌خواهیم"),
    ],
)
def test_quotes_and_apostrophes_are_typographic(text: str, lang: str, expected: str) -> None:
    assert typographic(text, lang) == expected


def test_graphic_text_is_set_with_typographic_marks(style: TextStyle) -> None:
    block = fit_text("Fund unarmed response in LA's budget", 2000, 400, style, "en")
    assert "LA’s" in block.lines[0].text and "'" not in block.lines[0].text


def test_every_language_file_loads_and_names_its_facts() -> None:
    facts = langdata.facts()
    assert {"en", "es", "pt", "fr", "fa", "ar", "ko"} <= set(facts.languages)
    for code in ("en", "es", "pt", "fr"):
        assert facts.of(code).words["articles"], code
        assert facts.of(code).words["months"], code
    assert facts.of("fa").digits == "۰۱۲۳۴۵۶۷۸۹"
    assert facts.of("pt-BR").code == "pt"
    assert "por ciento" in {" ".join(unit) for unit in facts.phrases("units")}


def test_a_bad_language_file_is_reported_with_its_path(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "common.yaml").write_text("units: ['%']\n", encoding="utf-8")
    (tmp_path / "xx.yaml").write_text("mounths: [uno]\n", encoding="utf-8")
    monkeypatch.setattr(langdata, "LANGUAGES_DIR", tmp_path)
    langdata.facts.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"xx\.yaml: unknown key 'mounths'"):
            langdata.facts()
    finally:
        langdata.facts.cache_clear()


def test_no_language_facts_are_left_in_python_code() -> None:
    """Month names, units, quotes and digits live in data/languages, not in modules."""
    package = Path(langdata.__file__).resolve().parents[2]
    for path in package.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        for fact in ("septiembre", "فروردین", "۰۱۲۳۴۵۶۷۸۹", "avenida", "dólares"):
            assert fact not in code, (path, fact)
