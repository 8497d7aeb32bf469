"""Typed conversation drafts: kept as JSON in the scratch space, read back typed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, cast

from bot.context import BotContext
from bot.models.diseminasi import Content, ContentKind, ScheduleKind, TargetKind
from handlers.common.draft import DraftSlot, JsonDraft
from handlers.diseminasi.draft import SiaranDraft


@dataclass
class Example(JsonDraft):
    name: str | None = None
    picked: list[str] = field(default_factory=list)


class FakeContext:
    """Only what a DraftSlot touches: the person's scratch space."""

    def __init__(self) -> None:
        self.user_data: dict[str, Any] = {}


SLOT = DraftSlot("example", Example)


def test_edit_keeps_the_draft_as_json() -> None:
    fake = FakeContext()
    context = cast("BotContext", fake)
    with SLOT.edit(context) as draft:
        draft.name = "KIM Maju"
        draft.picked.append("61.06.01")
    raw = fake.user_data["example"]
    assert json.loads(json.dumps(raw)) == {"name": "KIM Maju", "picked": ["61.06.01"]}
    assert SLOT.load(context) == Example("KIM Maju", ["61.06.01"])


def test_missing_or_old_drafts_load_safely() -> None:
    fake = FakeContext()
    context = cast("BotContext", fake)
    assert SLOT.load(context) == Example()
    fake.user_data["example"] = {"name": "x", "removed_field": 1}
    assert SLOT.load(context) == Example("x")
    assert SLOT.clear(context) == -1  # ConversationHandler.END
    assert "example" not in fake.user_data


def test_a_failed_edit_keeps_the_previous_draft() -> None:
    context = cast("BotContext", FakeContext())
    SLOT.save(context, Example("before"))
    try:
        with SLOT.edit(context) as draft:
            draft.name = "after"
            raise ValueError("invalid input")
    except ValueError:
        pass
    assert SLOT.load(context).name == "before"


def test_siaran_draft_round_trips_its_typed_parts() -> None:
    draft = SiaranDraft()
    draft.content = Content(ContentKind.PHOTO, "<b>{{ kim.nama }}</b>", "file-1")
    draft.aim(TargetKind.KECAMATAN)
    draft.target_values.append("61.06.01")
    draft.plan(ScheduleKind.WEEKLY)
    draft.weekday, draft.at = 2, "07:30"
    again = SiaranDraft.from_json(json.loads(json.dumps(draft.to_json())))
    assert again.content == draft.content
    assert again.target.values == ("61.06.01",)
    assert again.schedule.recurring
    assert again.schedule.at is not None
    assert again.schedule.at.hour == 7
