"""Compose each post's caption, alt text and share link for one format and language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.captions import counting
from toolkit.captions.links import add_utm, share_url
from toolkit.captions.targettexts import empty_mention
from toolkit.captions.templates import TemplateRenderer, TemplateSource
from toolkit.captions.threads import split_thread
from toolkit.errors import Problem, ProblemsError
from toolkit.load.campaign import Campaign
from toolkit.load.fields import LocalText
from toolkit.load.formats import Format
from toolkit.load.model import Post, Target
from toolkit.load.targets import target_context
from toolkit.load.workspace import Workspace
from toolkit.load.yamlsource import KeyPath
from toolkit.readable import join_sentences, plain_text, reading_text

THREAD_RULES = frozenset(("twitter", "bluesky", "threads", "mastodon"))


@dataclass(frozen=True)
class Caption:
    text: str
    length: int
    limit: int | None
    rule: str | None
    thread: tuple[str, ...]
    url: str
    share_url: str | None


class CaptionComposer:
    """Renders captions and alt texts of one campaign; keeps one sandboxed environment."""

    def __init__(self, workspace: Workspace, campaign: Campaign) -> None:
        self.workspace = workspace
        self.campaign = campaign
        self.renderer = TemplateRenderer(workspace.search_dirs(campaign.folder))

    def platform_url(self, platform: str) -> str:
        utm = self.workspace.config.utm
        if not utm.enabled or platform == "print":
            return self.campaign.file.url
        return add_utm(self.campaign.file.url, platform, utm.medium, self.campaign.slug)

    def context(self, post: Post, fmt: Format, lang: str, target: Target | None = None,
                rendered: tuple[dict[str, str], ...] = ()) -> dict[str, Any]:
        """What caption and alt templates see; a per-target post also sees `target`, and its
        target's handle on this platform (or else their name) leads `mentions`."""
        campaign = self.campaign
        tags = [h.lstrip("#") for h in campaign.file.hashtags]
        if fmt.spec.max_hashtags is not None:
            tags = tags[: fmt.spec.max_hashtags]
        mentions = list((campaign.file.mentions or {}).get(fmt.platform, ()))
        context: dict[str, Any] = {
            "campaign": campaign_context(campaign, lang),
            "post": post_context(campaign, post, lang, rendered),
            "lang": lang,
            "format": fmt.name,
            "platform": fmt.platform,
            "url": self.platform_url(fmt.platform),
            "hashtags": " ".join(f"#{t}" for t in tags),
            "mentions": " ".join(mentions),
        }
        if target is not None:
            context["target"] = target_context(target, lang, fmt.platform)
            context["mentions"] = " ".join([context["target"]["mention"], *mentions])
        return context

    def caption(self, post: Post, fmt: Format, lang: str, target: Target | None = None,
                rendered: tuple[dict[str, str], ...] = ()) -> Caption:
        """The caption by the post's template or the platform's, checked against its limit."""
        source = self._post_template(post.caption, (*post.key_path, "caption"), lang)
        if source is None:
            source = self.renderer.platform_template(fmt.platform)
        text = self.renderer.render(source, self.context(post, fmt, lang, target, rendered))
        for_whom = f" for {target.name}" if target is not None else ""
        if target is not None and empty_mention(text):
            where = source.location if post.caption else self.campaign.locate(post.key_path)
            raise ProblemsError([Problem(where, f"{fmt.name} caption of post '{post.id}' "
                                                f"({lang}){for_whom}: {empty_mention(text)}")])
        rule, limit = fmt.spec.caption_rule, fmt.spec.caption_limit
        url = self.platform_url(fmt.platform)
        share = share_url(fmt.spec.share, text, url) if fmt.spec.share else None
        if rule is None or limit is None:
            return Caption(text, len(text), None, None, (), url, share)
        length = counting.count(rule, text)
        thread: tuple[str, ...] = ()
        problems = counting.limit_problems(rule, text, limit, fmt.spec.max_hashtags)
        if problems and post.thread and rule in THREAD_RULES:
            thread = tuple(split_thread(text, rule, limit))
            problems = [p for p in problems if "hashtag" in p]
            share = share_url(fmt.spec.share, thread[0], url) if fmt.spec.share else None
        if problems:
            # The user's fix is in the post (its texts or its own caption), not in a shipped file.
            where = source.location if post.caption else self.campaign.locate(post.key_path)
            origin = f" (from {source.name})" if post.caption is None else ""
            hint = "" if post.thread or rule not in THREAD_RULES else \
                "; shorten it or set `thread: true`"
            message = (f"{fmt.name} caption{origin} of post '{post.id}' ({lang}){for_whom}: "
                       f"{'; '.join(problems)}")
            raise ProblemsError([Problem(where, message + hint)])
        return Caption(text, length, limit, rule, thread, url, share)

    def alt(self, post: Post, fmt: Format, lang: str, derived: str,
            target: Target | None = None, rendered: tuple[dict[str, str], ...] = ()) -> str:
        """The post's alt template rendered, or the text derived from the graphic."""
        source = self._post_template(post.alt, (*post.key_path, "alt"), lang)
        if source is None:
            return derived
        return self.renderer.render(source, self.context(post, fmt, lang, target, rendered))

    def _post_template(self, value: LocalText | None, key_path: KeyPath, lang: str
                       ) -> TemplateSource | None:
        if value is None:
            return None
        return TemplateSource(value.get(lang, self.campaign.default_lang),
                              self.campaign.text_location(value, key_path, lang))



def campaign_context(campaign: Campaign, lang: str) -> dict[str, Any]:
    file = campaign.file
    return {
        "slug": campaign.slug,
        "title": campaign.text(file.title, lang),
        "organization": file.organization,
        "url": file.url,
        "summary": campaign.text(file.summary, lang),
        "hashtags": [h.lstrip("#") for h in file.hashtags],
        "languages": list(file.languages),
        "dates": [{"title": campaign.text(d.title, lang), "start": d.start,
                   "location": campaign.text(d.location, lang)} for d in file.dates],
    }


def post_context(campaign: Campaign, post: Post, lang: str,
                 rendered: tuple[dict[str, str], ...] = ()) -> dict[str, Any]:
    """The post's texts in lang; `rendered` holds a per-target post's texts as drawn for one
    target (one mapping per image), which stand in for the templates."""
    if rendered and not post.slides:
        text = {name: plain_text(value) for name, value in rendered[0].items()}
    else:
        text = {name: plain_text(campaign.text(value, lang))
                for name, value in post.fields().items()}
    if rendered and post.slides:
        slides = [{"title": plain_text(r.get("title", "")), "text": plain_text(r.get("text", ""))}
                  for r in rendered]
    else:
        slides = [{"title": plain_text(campaign.text(s.title, lang)),
                   "text": plain_text(campaign.text(s.text, lang))} for s in post.slides]
    order = list(campaign.layouts[post.layout].header.fields or {})
    names = order + [n for n in text if n not in order]
    lead = join_sentences(slides[0].values()) if slides else \
        reading_text((n, text[n]) for n in names if n in text)
    return {"id": post.id, "layout": post.layout, "text": text, "slides": slides, "lead": lead}
