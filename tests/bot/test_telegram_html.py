"""Tests for sanitising Telegram HTML (bot.telegram_html)."""

import html
import re

import pytest

from bot.telegram_html import escape, sanitize_html

BASE = "https://kapuashulukab.go.id/berita/2026/"
TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")
ALLOWED = {"b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler"}


def plain(telegram_html: str) -> str:
    """Return the text Telegram would show for some Telegram HTML."""
    return html.unescape(TAG.sub("", telegram_html))


def assert_well_formed(telegram_html: str) -> None:
    """Assert only allowed tags occur, balanced and properly nested."""
    stack: list[str] = []
    for closing, name in TAG.findall(telegram_html):
        assert name in ALLOWED, name
        if closing:
            assert stack, (telegram_html, name)
            assert stack[-1] == name, (telegram_html, stack, name)
            stack.pop()
        else:
            stack.append(name)
    assert stack == []
    entities = re.findall(r"&[^;\s]*;?", telegram_html)
    assert set(entities) <= {"&amp;", "&lt;", "&gt;", "&quot;"}, entities


# --- sanitize_html -------------------------------------------------------------------------


def test_allowed_tags_are_normalised() -> None:
    source = "<strong>a</strong> <em>b</em> <ins>c</ins> <strike>d</strike> <del>e</del> <s>f</s>"
    assert sanitize_html(source) == "<b>a</b> <i>b</i> <u>c</u> <s>d</s> <s>e</s> <s>f</s>"


def test_scripts_styles_and_embeds_are_removed_with_content() -> None:
    source = (
        "<style>p{color:red}</style><p>Berita</p><script>alert('x')</script>"
        "<iframe src='https://evil'>frame</iframe><noscript><b>js</b></noscript>"
        "<template><p>tpl</p></template><object>obj</object> akhir"
    )
    assert sanitize_html(source) == "Berita\n\nakhir"


def test_unclosed_script_drops_the_rest() -> None:
    assert sanitize_html("aman <script>alert(1) <b>x</b>") == "aman"


def test_event_and_other_attributes_are_removed() -> None:
    source = (
        '<b onclick="steal()" class="x" style="color:red">tebal</b>'
        '<img src="x" onerror="alert(1)"><div onmouseover="x()">teks</div>'
    )
    result = sanitize_html(source)
    assert result == "<b>tebal</b>\nteks"
    assert "on" not in TAG.sub("", result.replace("teks", "")).lower()


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "http:///no-host",
    ],
)
def test_unsafe_links_are_unwrapped(href: str) -> None:
    assert sanitize_html(f'<a href="{href}" onclick="x()">klik</a>', BASE) == "klik"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://example.org/a?x=1&amp;y=2", "https://example.org/a?x=1&amp;y=2"),
        ("/rel?a=1&region=2", "https://kapuashulukab.go.id/rel?a=1&amp;region=2"),
        ("detail.html", "https://kapuashulukab.go.id/berita/2026/detail.html"),
        ("//cdn.example.org/x", "https://cdn.example.org/x"),
        ("tg://resolve?domain=kominfo", "tg://resolve?domain=kominfo"),
        ("mailto:kim@example.org", "mailto:kim@example.org"),
        ('https://x.org/"q"', "https://x.org/&quot;q&quot;"),
        ("", BASE),  # an empty href is the document itself, as in browsers
    ],
)
def test_links_are_resolved_and_escaped(href: str, expected: str) -> None:
    source = f"<a title='t' href='{href}' target=_blank>baca</a>"
    assert sanitize_html(source, BASE) == f'<a href="{expected}">baca</a>'


def test_relative_link_without_base_is_unwrapped() -> None:
    assert sanitize_html('<a href="/berita/1">baca</a> selengkapnya') == "baca selengkapnya"


def test_unknown_tags_are_unwrapped_keeping_content() -> None:
    source = '<font color="red">merah</font> <span>span</span> <custom-el>x</custom-el>'
    assert sanitize_html(source) == "merah span x"


def test_unbalanced_and_misnested_tags_are_balanced() -> None:
    # Misnested tags are repaired as browsers do (HTML5's adoption agency, in html5ever).
    assert sanitize_html("<b><i>x</b>y</i>") == "<b><i>x</i></b><i>y</i>"
    assert sanitize_html("<b>buka <i>terus") == "<b>buka <i>terus</i></b>"
    assert sanitize_html("</b>tutup</i> saja") == "tutup saja"


def test_nesting_rules_of_telegram() -> None:
    assert sanitize_html("<code><b>x</b></code>") == "<code>x</code>"
    assert sanitize_html("<b>a <code>y</code></b>") == "<b>a y</b>"
    # A link opened inside a link closes the first one, as in browsers; the empty one vanishes.
    assert sanitize_html('<a href="https://a.id/"><a href="https://b.id/">x</a></a>') == (
        '<a href="https://b.id/">x</a>'
    )
    assert sanitize_html("<blockquote><blockquote>q</blockquote></blockquote>") == (
        "<blockquote>q</blockquote>"
    )


def test_blockquote_expandable_and_spoilers() -> None:
    source = '<blockquote expandable cite="x">kutipan</blockquote><span class="tg-spoiler">r</span>'
    assert sanitize_html(source) == (
        "<blockquote expandable>kutipan</blockquote>\n\n<tg-spoiler>r</tg-spoiler>"
    )
    assert sanitize_html("<tg-spoiler>rahasia</tg-spoiler>") == "<tg-spoiler>rahasia</tg-spoiler>"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a&nbsp;b", "a\u00a0b"),
        ("a&nbspb", "a\u00a0b"),  # legacy entity without semicolon, decoded like browsers do
        ("&foo; &bar", "&amp;foo; &amp;bar"),
        ("&#xZZ; &#;", "&amp;#xZZ; &amp;#;"),
        ("&#128512; &#x1F4F0;", "\U0001f600 \U0001f4f0"),
        ("&lt;b&gt; &amp;amp; &quot;kutip&quot; &#39;", '&lt;b&gt; &amp;amp; "kutip" \''),
        ("5 < 6 & 7 > 3", "5 &lt; 6 &amp; 7 &gt; 3"),
        ("a <b c", "a"),  # a tag cut off by the end of the input is dropped, as in browsers
        ("a < b c", "a &lt; b c"),
    ],
)
def test_entities(source: str, expected: str) -> None:
    assert sanitize_html(source) == expected


def test_blocks_lists_and_headings() -> None:
    source = (
        "<h2>Judul</h2><p>Paragraf satu.</p><div>baris</div><ul><li>satu</li>"
        "<li>dua <em>2</em></li></ul><table><tr><td>a</td></tr><tr><td>b</td></tr></table>"
        "baris<br>baru<br><br>paragraf"
    )
    assert sanitize_html(source) == (
        "<b>Judul</b>\n\nParagraf satu.\n\nbaris\n\n• satu\n• dua <i>2</i>\n\na\nb\n\n"
        "baris\nbaru\n\nparagraf"
    )


def test_whitespace_is_collapsed_and_stripped() -> None:
    source = "  \n <p> </p>  <b> </b> teks   dengan\n\tspasi <br><br><br><br><p></p><p>akhir</p>  "
    assert sanitize_html(source) == "teks dengan spasi\n\nakhir"


def test_pre_keeps_whitespace() -> None:
    source = "<pre>\n  def f():\n      return 1\n</pre>lalu"
    assert sanitize_html(source) == "<pre>  def f():\n      return 1\n</pre>\n\nlalu"


def test_sanitized_feed_html_is_well_formed() -> None:
    source = (
        '<div class="entry"><h1 id="t">Rapat <u>KIM</u></h1><p>Isi &amp; <a href="/x" '
        'onclick="y">tautan</a> <b><i>campur</b> aduk</i></p><img src=a onerror=b>'
        "<script>x</script><ul><li><b>Poin</li><li>dua</b></li></ul>&copy; 2026</div>"
    )
    result = sanitize_html(source, BASE)
    assert_well_formed(result)
    assert plain(result) == "Rapat KIM\n\nIsi & tautan campur aduk\n\n• Poin\n• dua\n\n© 2026"


def test_escape() -> None:
    assert escape('<a href="x">&</a>') == '&lt;a href="x"&gt;&amp;&lt;/a&gt;'


@pytest.mark.parametrize(
    "source",
    [
        '<a href="java&#x09;script:alert(1)">klik</a>',
        '<a href="&#x6A;avascript&#58;alert(1)">klik</a>',
        "<svg onload=alert(1)><b>klik</b></svg>",
        '<img src=x onerror="alert(1)">klik',
        "<!-- <script>alert(1)</script> -->klik",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">klik',
        "klik<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>x",
        "<scr<script>ipt>alert(1)</script>klik",
        '<a href="https://a.id/" style="x" data-x="y" target=_blank onmouseover=x>klik</a>',
        "<object data='javascript:alert(1)'></object><embed src=x>klik",
    ],
)
def test_hostile_markup_leaves_no_script_handler_or_unsafe_link(source: str) -> None:
    result = sanitize_html(source, BASE)
    assert_well_formed(result)
    tags = " ".join(re.findall(r"<[^>]*>", result))
    assert "javascript" not in tags.lower()
    assert "on" not in re.sub(r'href="[^"]*"', "", tags)
    assert "<script" not in result
    assert "klik" in plain(result)
