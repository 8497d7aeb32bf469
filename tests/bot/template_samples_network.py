"""Template samples of Implementasi and Jaringan (see template_samples.py): hostile values of
the types their handlers pass, bounded as their edges bound them."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from telegram import User

from bot.models.implementasi import (
    MAX_ACTIVITY,
    MAX_COMMODITY,
    MAX_FIX_REASON,
    MAX_RESULT,
    MAX_SOURCE_LABEL,
    MAX_TITLE,
    MAX_UNIT,
    Harvest,
    Report,
    Source,
)
from bot.models.jaringan import (
    MAX_AGENDA_TITLE,
    MAX_CONTACT,
    MAX_PLACE,
    Agenda,
    ContactRequest,
    DirectoryEntry,
    NetworkProfile,
    Share,
)
from bot.models.people import Person
from bot.models.registrasi import MAX_NAME, Kim
from bot.wilayah import load_region
from handlers.implementasi import labels as impl_labels
from handlers.jaringan import labels as jaringan_labels
from tests.bot.hostile import Hostile, model

Samples = dict[str, st.SearchStrategy[Any]]
TELEGRAM_NAME = 64
USERNAME = 32


def report(h: Hostile) -> st.SearchStrategy[Report]:
    """An implementation report at its longest."""
    source = model(h, Source, label=MAX_SOURCE_LABEL)
    harvest = model(h, Harvest, komoditas=MAX_COMMODITY, satuan=MAX_UNIT)
    return model(
        h, Report, 40, judul=MAX_TITLE, kim_nama=MAX_NAME, reporter_name=TELEGRAM_NAME,
        kegiatan=MAX_ACTIVITY, hasil=MAX_RESULT, fix_reason=MAX_FIX_REASON,
        source=st.none() | source, panen=st.none() | harvest,
        photos=st.lists(h.text(120), max_size=5).map(tuple),
    )  # fmt: skip


def network_samples(h: Hostile) -> Samples:
    """Every variable name the Implementasi and Jaringan templates add."""
    small = st.integers(0, 100)
    return {
        "report": report(h),
        "judul": h.text(MAX_TITLE),
        "replaced": st.none() | h.text(MAX_TITLE),
        "source_kind": st.sampled_from(["", *impl_labels.SOURCE_KINDS.values()]),
        "satuan": st.sampled_from(list(impl_labels.SATUAN_SHORT.values())),
        "bidang": st.sampled_from(list(impl_labels.BIDANG.values())),
        "unit": h.text(MAX_UNIT),
        **{name: small for name in ("max_title", "max_activity", "max_result", "max_commodity")},
        **{flag: st.booleans() for flag in ("started", "located", "as_file", "whole", "agreed",
                                            "consented", "reminded", "one_kim")},
        **_jaringan(h),
        **_agenda(h),
    }  # fmt: skip


def _jaringan(h: Hostile) -> Samples:
    kecamatan = st.sampled_from(load_region("61.06").kecamatan)
    kim = model(h, Kim, 13, nama=MAX_NAME)
    return {
        "entry": model(h, DirectoryEntry, 13, nama=MAX_NAME, ketua_username=st.none()
                       | h.text(USERNAME)),
        "heading": st.none() | h.text(40),
        "contact": h.text(MAX_CONTACT),
        "profile": model(h, NetworkProfile),
        "share": model(h, Share, 13),
        "kecamatan_names": h.items(kecamatan.map(lambda k: k.nama), 23),
        "asking": st.none() | kim,
        "asking_kecamatan": st.none() | kecamatan,
        "request": model(h, ContactRequest),
        "acceptor": st.builds(User, id=st.integers(1, 10**12), first_name=h.text(TELEGRAM_NAME),
                              is_bot=st.just(False), username=st.none() | h.text(USERNAME)),
        "acceptor_name": h.text(TELEGRAM_NAME),
        "requester": model(h, Person, USERNAME, first_name=TELEGRAM_NAME),
        "ketua": st.none() | h.text(USERNAME),
    }  # fmt: skip


def _agenda(h: Hostile) -> Samples:
    """An event as /agenda, its summary and its reminder show it."""
    agenda = model(
        h,
        Agenda,
        13,
        judul=MAX_AGENDA_TITLE,
        tempat=MAX_PLACE,
        owner_nama=st.none() | h.text(MAX_NAME),
    )
    return {
        "agenda": agenda,
        "jenis": st.sampled_from(list(jaringan_labels.AGENDA_KINDS.values())),
        "audience": h.text(MAX_NAME + 20),
    }  # fmt: skip
