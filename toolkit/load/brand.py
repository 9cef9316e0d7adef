"""Load a brand folder (brand.yaml with colors, fonts and logo) from the search path."""

from __future__ import annotations

from pathlib import Path

from PIL import ImageFont

from toolkit.colors import TEXT_CONTRAST, contrast, hex_rgb
from toolkit.defaults import defaults_root
from toolkit.errors import Location, Problems, ProblemsError, display_path
from toolkit.load.brandassets import (
    WEB_FONT_SUFFIXES,
    AssetError,
    check_axes,
    check_svg,
    font_instance,
    is_svg,
)
from toolkit.load.fields import Context, Record, did_you_mean
from toolkit.load.fontfiles import FONT_SUFFIXES, FontNotFoundError, font_coverage, resolve_font
from toolkit.load.images import check_image
from toolkit.load.model import Brand, BrandColors, BrandFile, FontSetting
from toolkit.load.workspace import is_contained, trusted_roots
from toolkit.load.yamlsource import KeyPath, load_yaml

BRANDS_DIR = "assets/brands"


def brand_names(search_dirs: tuple[Path, ...]) -> list[str]:
    names: set[str] = set()
    for base in search_dirs:
        names.update(p.parent.name for p in (base / BRANDS_DIR).glob("*/brand.yaml"))
    return sorted(names)


def find_brand(slug: str, search_dirs: tuple[Path, ...], where: Location,
               problems: Problems) -> Path | None:
    roots = trusted_roots(search_dirs)
    for base in search_dirs:
        folder = base / BRANDS_DIR / slug
        candidate = folder / "brand.yaml"
        if not (candidate.exists() or candidate.is_symlink()):
            continue
        if not is_contained(candidate, roots):
            problems.error(where, f"brand '{slug}' cannot be used: {display_path(folder)} "
                                  "leads outside the workspace through a link")
            return None
        return candidate
    known = [name for name in brand_names(search_dirs) if name != slug]
    hint = did_you_mean(slug, known)
    problems.error(where, f"no brand '{slug}'{hint} (looked for {BRANDS_DIR}/{slug}/brand.yaml)")
    return None


def load_brand(slug: str, path: Path, workspace: Path, problems: Problems) -> Brand | None:
    """Validate brand.yaml; font names resolve beside it or to a bundled family."""
    try:
        data, source = load_yaml(path)
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None
    folder = path.parent
    # Logos and fonts stay inside the tree the brand comes from: the workspace or the defaults.
    inside = workspace if folder.resolve().is_relative_to(workspace.resolve()) else \
        defaults_root()
    ctx = Context(source, problems, inside, folder)
    brand = Record(BrandFile).check(data, (), ctx)
    if brand is None:
        return None
    _warn_low_contrast(brand.colors, ctx)
    heading = _font(brand.fonts.heading, ("fonts", "heading"), ctx)
    body = _font(brand.fonts.body, ("fonts", "body"), ctx)
    fallback = tuple(_font(name, ("fonts", "fallback", i), ctx)
                     for i, name in enumerate(brand.fonts.fallback))
    logos = [_logo(brand.logo, ("logo",), ctx), _logo(brand.logo_on_dark, ("logo_on_dark",), ctx)]
    if heading is None or body is None or None in fallback or not all(logos):
        return None
    return Brand(slug, folder, brand.name, brand.colors, heading, body,
                 tuple(p for p in fallback if p is not None), brand.logo, brand.logo_on_dark,
                 brand.strip)


def _logo(path: Path | None, key_path: KeyPath, ctx: Context) -> bool:
    """A PNG (or other image) logo decodes; an SVG logo draws."""
    if path is None or not is_svg(path):
        return check_image(path, key_path, ctx, "logo")
    try:
        check_svg(path)
    except AssetError as exc:
        ctx.error(key_path, f"logo '{path.name}' cannot be used: {exc}")
        return False
    return True


# Pairs the layouts set text in: (text role, background role).
TEXT_PAIRS = (("on_primary", "primary"), ("text", "background"))


def _warn_low_contrast(colors: BrandColors, ctx: Context) -> None:
    """Layouts pick readable colors where they can; a pair that cannot be read is worth a word."""
    for text_role, ground_role in TEXT_PAIRS:
        text, ground = getattr(colors, text_role), getattr(colors, ground_role)
        found = contrast(hex_rgb(text), hex_rgb(ground))
        if found < TEXT_CONTRAST:
            ctx.warn(("colors", text_role),
                     f"{text_role} {text} on {ground_role} {ground} has contrast "
                     f"{found:.1f}:1, below {TEXT_CONTRAST}:1; rules and small text drawn in it "
                     "will be hard to read")


def _font(setting: str | FontSetting, key_path: KeyPath, ctx: Context) -> Path | None:
    """The font file of a role; for a variable font with axis values, a static cut of it."""
    if isinstance(setting, str):
        return _font_file(setting, key_path, ctx)
    path = _font_file(setting.file, (*key_path, "file"), ctx)
    settings = setting.settings()
    if path is None or not settings:
        return path
    for tag, value in settings:
        try:
            check_axes(path, {tag: value})
        except AssetError as exc:
            ctx.error(_axis_key(setting, key_path, tag),
                      f"font '{setting.file}' cannot be set as asked: {exc}")
            return None
    try:
        return font_instance(path, settings)
    except AssetError as exc:
        ctx.error(key_path, f"font '{setting.file}' cannot be used: {exc}")
        return None


def _axis_key(setting: FontSetting, key_path: KeyPath, tag: str) -> KeyPath:
    """Where an axis value was given: weight, width, or axes.<tag>."""
    if tag == "wght" and setting.weight is not None:
        return (*key_path, "weight")
    if tag == "wdth" and setting.width is not None:
        return (*key_path, "width")
    return (*key_path, "axes", tag)


def _font_file(spec: str, key_path: KeyPath, ctx: Context) -> Path | None:
    if spec.lower().endswith(WEB_FONT_SUFFIXES):
        ctx.error(key_path, f"'{spec}' is a web font; the toolkit reads TrueType or OpenType "
                            "(.ttf, .otf): use the desktop font files of the family")
        return None
    try:
        path = resolve_font(spec, ctx.base_dir)
    except FontNotFoundError as exc:
        is_file = spec.lower().endswith(FONT_SUFFIXES) or "/" in spec or "\\" in spec
        where = display_path(ctx.base_dir) or "."
        message = f"font file '{spec}' not found in {where}" if is_file else f"font '{spec}': {exc}"
        ctx.error(key_path, message)
        return None
    except (OSError, RuntimeError, ValueError) as exc:
        ctx.error(key_path, f"font '{spec}' cannot be used: {exc}")
        return None
    resolved = path.resolve()
    allowed = (ctx.workspace.resolve(), defaults_root().resolve())
    if not any(resolved.is_relative_to(base) for base in allowed):
        ctx.error(key_path, f"font path '{spec}' leads outside the workspace")
        return None
    if not _readable_font(resolved):
        ctx.error(key_path, f"'{spec}' is not a font file the toolkit can read "
                            "(TrueType or OpenType: .ttf, .otf, .ttc)")
        return None
    return resolved


def _readable_font(path: Path) -> bool:
    """Whether both Pillow (drawing) and fontTools (coverage) can open the file."""
    try:
        ImageFont.truetype(str(path), 20)
        font_coverage(path)
    except Exception:  # fontTools raises many kinds (TTLibError, struct.error, ...) on bad files
        return False
    return True
