"""What `check` says about the toolkit page: a missing site_url, languages without page words."""

from __future__ import annotations

from toolkit.errors import Problem
from toolkit.load.campaign import Campaign
from toolkit.load.strings import STRINGS_FOLDER, has_words, load_strings
from toolkit.load.workspace import Workspace


def site_warnings(workspace: Workspace, campaign: Campaign) -> list[Problem]:
    warnings = []
    config = workspace.config
    if not (campaign.file.site_url or config.site_url or config.base_url):
        warnings.append(Problem(
            campaign.locate(("url",)),
            "no site_url in toolkit.yaml or the campaign: the page's link preview image "
            "(og:image), canonical and language links stay relative, so a shared link to the "
            "page shows no preview (set site_url to the address where build/ is published)",
            "warning"))
    table = load_strings(workspace.search_dirs(campaign.folder))
    for index, lang in enumerate(campaign.languages):
        if not has_words(table, lang):
            warnings.append(Problem(
                campaign.locate(("languages", index)),
                f"the toolkit page has no words of its own in '{lang}': its buttons and "
                f"messages show in English (add templates/site/{STRINGS_FOLDER}/{lang}.yaml, "
                "with the keys of strings.yaml's en)", "warning"))
    return warnings
