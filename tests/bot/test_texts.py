"""Tests for the Jinja2 text rendering (bot.texts)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from jinja2 import TemplateNotFound, UndefinedError

from bot.texts import TemplateInputError, Texts, default_template_dirs, format_rupiah


@dataclass(frozen=True)
class Kim:
    nama: str
    desa: str
    anggota: tuple[str, ...] = ()


KIM = Kim("KIM Maju <Bersama>", "Banua Martinus", ("Ani", "Budi"))


@pytest.fixture
def texts(tmp_path: Path) -> Texts:
    (tmp_path / "registrasi").mkdir()
    (tmp_path / "registrasi" / "welcome.html.j2").write_text(
        "\n  Selamat datang, <b>{{ kim.nama }}</b>!\n"
        "  {% for orang in kim.anggota %}\n"
        "• {{ orang }}\n"
        "  {% endfor %}\n"
        "Dibuat {{ dibuat | tanggal_jam }}.\n\n",
        encoding="utf-8",
    )
    (tmp_path / "registrasi" / "plain.txt.j2").write_text("{{ teks }}", encoding="utf-8")
    second = tmp_path / "second"
    second.mkdir()
    (second / "news.html.j2").write_text("Berita: {{ judul }}", encoding="utf-8")
    return Texts({"registrasi": [tmp_path / "registrasi"], "akses": [second]})


def test_render_loads_html_template_with_autoescape_and_trimming(texts: Texts) -> None:
    result = texts.render("registrasi/welcome", kim=KIM, dibuat=datetime(2026, 11, 27, 7, 5))
    assert result == (
        "Selamat datang, <b>KIM Maju &lt;Bersama&gt;</b>!\n"
        "• Ani\n• Budi\nDibuat 27 Nov 2026 14.05 WIB."
    )


def test_render_searches_every_folder(texts: Texts) -> None:
    assert texts.render("akses/news", judul="A & B") == "Berita: A &amp; B"


def test_render_non_html_template_is_not_escaped(texts: Texts) -> None:
    assert texts.render("registrasi/plain.txt.j2", teks="<b>") == "<b>"


def test_render_is_strict_about_missing_context(texts: Texts) -> None:
    with pytest.raises(UndefinedError):
        texts.render("registrasi/welcome", kim=KIM)
    with pytest.raises(TemplateNotFound):
        texts.render("registrasi/missing")


def test_default_template_dirs_are_the_packages_templates_folders() -> None:
    root = Path(__file__).resolve().parents[2]
    dirs = default_template_dirs()
    assert dirs["registrasi"] == [root / "handlers" / "registrasi" / "templates"]
    assert dirs["akses"] == [
        root / "handlers" / "akses" / "templates",
        root / "broadcasts" / "akses" / "templates",
    ]
    assert dirs["outbox"] == [root / "bot" / "outbox" / "templates"]


def test_filters_use_configured_timezone(tmp_path: Path) -> None:
    texts = Texts({}, tz=ZoneInfo("Asia/Jayapura"))
    moment = datetime(2026, 11, 27, 20, 30, tzinfo=UTC)
    assert texts.render_string("{{ t | tanggal_jam }}", t=moment) == "28 Nov 2026 05.30 WIT"
    assert texts.render_string("{{ t | tanggal }}", t=moment) == "28 November 2026"
    assert texts.render_string("{{ d | tanggal }}", d=date(2026, 1, 1)) == "1 Januari 2026"


def test_telegram_html_filter_sanitises(texts: Texts) -> None:
    source = "{{ ringkasan | telegram_html }}"
    summary = '<p onclick="x">Isi <script>x</script><b>penting</b></p>'
    assert texts.render_string(source, ringkasan=summary) == "Isi <b>penting</b>"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(0, "Rp0"), (1500000, "Rp1.500.000"), (Decimal("999.5"), "Rp1.000"), (-2500, "-Rp2.500")],
)
def test_format_rupiah(amount: int | Decimal, expected: str) -> None:
    assert format_rupiah(amount) == expected


def test_render_string_escapes_values_but_keeps_template_markup(texts: Texts) -> None:
    result = texts.render_string("  <b>Halo {{ kim.nama }}</b> di {{ kim.desa }}\n", kim=KIM)
    assert result == "<b>Halo KIM Maju &lt;Bersama&gt;</b> di Banua Martinus"


def test_render_string_unknown_variable_is_named(texts: Texts) -> None:
    with pytest.raises(TemplateInputError) as caught:
        texts.render_string("Halo {{ nama }}", kim=KIM)
    assert str(caught.value) == "Variabel {{ nama }} tidak dikenal. Variabel yang tersedia: kim."


def test_render_string_unknown_attribute_is_named(texts: Texts) -> None:
    with pytest.raises(TemplateInputError, match=r"\{\{ kim\.namaa \}\} tidak dikenal"):
        texts.render_string("Halo {{ kim.namaa }}", kim=KIM)
    with pytest.raises(TemplateInputError, match=r"\{\{ data\.a\.b \}\}"):
        texts.render_string("{{ data['a'].b }}", data={"a": {}})


def test_render_string_syntax_error_names_the_line(texts: Texts) -> None:
    with pytest.raises(TemplateInputError, match="baris 2") as caught:
        texts.render_string("Halo\n{{ kim.nama ", kim=KIM)
    assert "{{ }}" in str(caught.value)


def test_render_string_is_sandboxed(texts: Texts) -> None:
    with pytest.raises(TemplateInputError, match="tidak diizinkan"):
        texts.render_string("{{ kim.__class__.__mro__ }}", kim=KIM)
    anggota: list[str] = ["Ani"]
    with pytest.raises(TemplateInputError, match="tidak diizinkan"):
        texts.render_string("{{ anggota.append('x') }}", anggota=anggota)
    assert anggota == ["Ani"]


def test_render_string_runtime_errors_are_friendly(texts: Texts) -> None:
    with pytest.raises(TemplateInputError, match="tidak dapat diproses"):
        texts.render_string("{{ 1 / 0 }}")
    with pytest.raises(TemplateInputError, match="tidak dapat diproses"):
        texts.render_string("{{ 'kemarin' | tanggal }}")
