"""The workspace: toolkit.yaml, its campaigns, formats and the search path for shared files."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from toolkit.defaults import defaults_root
from toolkit.errors import Location, Problems, ToolkitError, display_path
from toolkit.load.fields import Context, Record, did_you_mean
from toolkit.load.formats import FORMATS, Format
from toolkit.load.model import NAME, NAME_HINT, ToolkitFile
from toolkit.load.yamlsource import load_yaml

CONFIG_NAME = "toolkit.yaml"
CAMPAIGN_NAME = "campaign.yaml"
# A build replaces its output folder whole, so it must never be one of these.
SOURCE_DIRS = ("campaigns", "assets", "templates")


@dataclass(frozen=True)
class Workspace:
    """A folder with campaigns/, and optionally toolkit.yaml, assets/ and templates/."""

    root: Path
    config: ToolkitFile
    formats: Mapping[str, Format]

    @property
    def campaigns_dir(self) -> Path:
        return self.root / "campaigns"

    @property
    def output_dir(self) -> Path:
        return (self.root / self.config.output).resolve()

    @property
    def cache_dir(self) -> Path:
        return self.root / ".toolkit-cache"

    def campaign_slugs(self) -> list[str]:
        if not self.campaigns_dir.is_dir():
            return []
        return sorted(p.parent.name for p in self.campaigns_dir.glob(f"*/{CAMPAIGN_NAME}"))

    def search_dirs(self, campaign_dir: Path | None = None) -> tuple[Path, ...]:
        """Campaign folder, then workspace, then shipped defaults: where shared files are found."""
        dirs = [campaign_dir] if campaign_dir else []
        return (*dirs, self.root, defaults_root())

    def find(self, relative: str, campaign_dir: Path | None = None) -> Path | None:
        for base in self.search_dirs(campaign_dir):
            candidate = base / relative
            if candidate.exists():
                return candidate
        return None

    def out_folder(self, out: Path) -> Path:
        """`--out` resolved; refused like `output:` when a source folder would be replaced."""
        shown = display_path(out)
        try:
            target = out.resolve()
        except (OSError, RuntimeError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or "a link that points to itself"
            raise ToolkitError(f"cannot build into {shown}: {reason}") from None
        inside = next((name for name in SOURCE_DIRS
                       if target.is_relative_to((self.root / name).resolve())), None)
        if inside:
            raise ToolkitError(f"will not build into {shown}: it is inside {inside}/ of the "
                               "workspace, and a build replaces its output folder whole; "
                               "choose a new or empty folder outside campaigns/, assets/ and "
                               "templates/")
        for parent in target.parents:
            if parent.exists() or parent.is_symlink():
                if not parent.is_dir():
                    raise ToolkitError(f"cannot build into {shown}: "
                                       f"{display_path(parent)} is a file, not a folder")
                break
        return target

    def select(self, slugs: tuple[str, ...]) -> list[str]:
        """The campaigns a command names, or all of them; an unknown name is an error."""
        known = self.campaign_slugs()
        if not known:
            raise ToolkitError(f"no campaigns in {display_path(self.campaigns_dir)}; "
                               "create one with `toolkit new SLUG`")
        for slug in slugs:
            if slug not in known:
                raise ToolkitError(f"no campaign '{slug}'{did_you_mean(slug, known)} "
                                   f"(campaigns: {', '.join(known)})")
        return list(slugs) or known


def trusted_roots(search_dirs: tuple[Path, ...]) -> tuple[Path, ...]:
    """Where every file the toolkit reads must resolve: the workspace and the shipped defaults,
    the last two folders of any search path. A link from either to elsewhere is not followed."""
    return tuple(d.resolve() for d in search_dirs[-2:])


def is_contained(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether path, every link followed, stays inside one of roots."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    return any(resolved.is_relative_to(root) for root in roots)


def load_workspace(root: Path) -> Workspace:
    """Read toolkit.yaml if present; custom formats join the built-in table."""
    root = root.resolve()
    config_path = root / CONFIG_NAME
    if not config_path.exists():
        return Workspace(root, ToolkitFile(), FORMATS)
    if not is_contained(config_path, (root,)):
        raise ToolkitError("leads outside the workspace through a link",
                           Location(display_path(config_path), 1, 1))
    data, source = load_yaml(config_path)
    problems = Problems()
    ctx = Context(source, problems, root, root)
    config = Record(ToolkitFile).check(data, (), ctx)
    formats = dict(FORMATS)
    for name, spec in (config.formats or {}).items() if config else ():
        if spec is None:
            continue
        if name in FORMATS:
            ctx.key_error(("formats", name), f"format '{name}' is built in; choose another name")
        elif not re.fullmatch(NAME, name):
            ctx.key_error(("formats", name), f"format name '{name}' is not valid: {NAME_HINT}")
        formats[name] = Format(name, spec)
    if config is not None:
        _check_output(config.output, root, ctx)
    problems.raise_errors()
    if config is None:
        raise ToolkitError("toolkit.yaml is invalid", Location(display_path(config_path), 1, 1))
    return Workspace(root, config, dict(formats))


def _check_output(output: str, root: Path, ctx: Context) -> None:
    """The output folder is replaced on every build: it must be a folder of its own."""
    try:
        target = (root / output).resolve()
    except (OSError, RuntimeError, ValueError):
        target = root
    inside = next((name for name in SOURCE_DIRS if target.is_relative_to(root / name)), None)
    if Path(output).is_absolute() or not target.is_relative_to(root) or target == root:
        problem = "must be a folder inside the workspace"
    elif inside:
        problem = f"is inside {inside}/"
    else:
        return
    ctx.error(("output",), f"output folder '{output}' {problem}; every build replaces that "
                           "folder whole, so give it one of its own, such as build")
