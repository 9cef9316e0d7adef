"""`toolkit schema`: the JSON Schema of campaign.yaml, generated from the validating model."""

from __future__ import annotations

import json
from typing import Any

import click

from toolkit.load.fields import Record
from toolkit.load.model import CampaignFile


def campaign_schema() -> dict[str, Any]:
    schema = Record(CampaignFile).json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://campaign-toolkit.invalid/schema/campaign.json",
            "title": "Campaign Toolkit campaign.yaml", **schema}


def run_schema() -> None:
    click.echo(json.dumps(campaign_schema(), indent=2, ensure_ascii=False))
