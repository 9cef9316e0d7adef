"""What the page shows for per-target posts and the call action, following the district.

A per-target post becomes one version per target (its panels, share links and kit); the page's
script shows the version of the volunteer's district and hides the others. Without a script the
page lists every version under its district's heading, and every office to call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from toolkit.captions.calls import CallScript, call_action
from toolkit.load.model import Target
from toolkit.load.strings import Strings
from toolkit.load.targets import columns_in
from toolkit.plan import target_kit_path
from toolkit.site.markdown import render_markdown

if TYPE_CHECKING:
    from toolkit.load.campaign import Campaign

STORAGE_KEY = "toolkit-district:"  # + the campaign's slug; the only thing the page stores


def target_label(t: Strings, target: Target, lang: str) -> str:
    """"District 4: Councilmember Nithya Raman", in the page's language."""
    columns = columns_in(target, lang)
    name = " ".join(part for part in (columns.get("title", ""), columns.get("name", "")) if part)
    return t.text("district_option", district=target.district, name=name)


def district_choices(t: Strings, campaign: Campaign, lang: str) -> list[dict[str, str]]:
    """Every district the page can follow, once each, in table order."""
    seen: dict[str, dict[str, str]] = {}
    for target in (*campaign.targets, *campaign.call_targets):
        if target.district not in seen:
            seen[target.district] = {"district": target.district,
                                     "label": target_label(t, target, lang)}
    return list(seen.values())


def version_kit(slug: str, lang: str, target: Target) -> str:
    return target_kit_path(slug, lang, target.key)


def call_view(t: Strings, campaign: Campaign, lang: str, calls: tuple[CallScript, ...]
              ) -> dict[str, Any] | None:
    """The call action: each office with its number, hours and script."""
    call = call_action(campaign)
    if call is None or not calls:
        return None
    offices = [{"district": c.target.district, "key": c.target.key,
                "label": target_label(t, c.target, lang),
                "name": columns_in(c.target, lang).get("name", c.target.name),
                "phone": c.phone, "tel": c.tel, "hours": c.hours,
                "script": render_markdown(c.script)} for c in calls]
    return {"targets": offices, "note": campaign.text(call.note, lang)}


def office_data(t: Strings, office: dict[str, Any]) -> dict[str, Any]:
    """One office as the page's script fills its one office of the call action (targets.js)."""
    return {"key": office["key"], "district": office["district"], "label": office["label"],
            "tel": office["tel"],
            "call": t.text("call_button", name=office["name"], phone=office["phone"]),
            "hours": t.text("call_hours", hours=office["hours"]) if office["hours"] else "",
            "script": str(office["script"])}


def follow_data(t: Strings, campaign: Campaign, lang: str) -> dict[str, Any] | None:
    """What the script needs to follow the district: the choices and where it keeps them."""
    choices = district_choices(t, campaign, lang)
    if not choices:
        return None
    return {"storageKey": STORAGE_KEY + campaign.slug, "districts": choices}


def script_markup(text: str) -> Markup:
    return render_markdown(text)
