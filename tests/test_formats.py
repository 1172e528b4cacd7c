"""What is linted in each format (code, URLs, tags, front matter are not) and suppression comments."""
from __future__ import annotations

import pytest

from wenlint import formats
from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.fixes import fix_until_stable
from wenlint.packs import load_rules

SPUN = "坚持原那么。"


@pytest.fixture(scope="module")
def linter():
    """The rules these tests use as probes (whole-document rules would add noise)."""
    return Linter(load_rules(), Settings(select=("WL101", "WL321", "WL521")))


def flagged(linter, text: str, path: str = "x.md") -> list[str]:
    """The flagged texts, in order."""
    return [text[d.start:d.end] for d in linter.lint(text, path)]


def fixed(linter, text: str, path: str = "x.md") -> str:
    return fix_until_stable(text, lambda t: linter.lint(t, path), unsafe=True).text


# --- format by extension ----------------------------------------------------------------------

@pytest.mark.parametrize("path, kind", [
    ("a.md", "markdown"), ("a.MARKDOWN", "markdown"), ("a.html", "html"), ("a.htm", "html"),
    ("a.rst", "rst"), ("a.tex", "tex"), ("a.txt", "plain"), ("-", "plain"), ("a", "plain"),
])
def test_kind_follows_the_extension(path, kind):
    assert formats.kind_of(path) == kind


def test_mask_keeps_offsets_and_newlines():
    text = "前`代码\n`后"
    spans = [(1, 5)]
    masked = formats.apply_mask(text, spans)
    assert len(masked) == len(text) and masked[4] == "\n" and masked[1] == formats.MASK_CHAR


def test_masked_spans_are_sorted_and_merged():
    spans = formats.masked_spans("`a` `b`http://x.cn/`c`", "markdown")
    assert spans == sorted(spans)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))


# --- Markdown: never inside code, URLs, tags, front matter --------------------------------------

@pytest.mark.parametrize("text", [
    f"```\n{SPUN}\n```\n",
    f"~~~text\n{SPUN}\n~~~\n",
    f"```\r\n{SPUN}\r\n```\r\n",
    f"  ```\n{SPUN}\n  ```\n",
    f"```\n{SPUN}\n",  # an unclosed fence runs to the end
    f"段落。\n\n    {SPUN}\n",
    f"段落。\n\n\t{SPUN}\n",
    f"段落。\r\n\r\n    {SPUN}\r\n",
    f"    {SPUN}\n",
    f"见 `{SPUN}` 一文。\n",
    f"见 ``a`{SPUN}`` 一文。\n",
    f"<span title=\"{SPUN}\">x</span>\n",
    f"<!-- {SPUN} -->\n",
    f"---\ntitle: {SPUN}\n---\n正文。\n",
    f"---\r\ntitle: {SPUN}\r\n---\r\n正文。\r\n",
    f"+++\ntitle = \"{SPUN}\"\n+++\n正文。\n",
    "见 [链接](http://x.cn/原那么) 一文。\n",
    "见 <http://x.cn/a,b> 一文。\n",
    "[ref]: http://x.cn/原那么 \"原那么\"\n",
    "访问 http://example.com/a,b;c:d 获取。\n",
    "写信给 someone@example.com,好。\n",
])
def test_markdown_never_lints_inside_code_urls_tags_or_front_matter(linter, text):
    assert flagged(linter, text) == []


@pytest.mark.parametrize("text", [
    f"```\n{SPUN}\n```\n",
    "段落。\n\n    坚持原那么,好。\n",
    "见 `坚持原那么,好` 一文。\n",
    "---\ntitle: 原那么,好\n---\n正文。\n",
    "见 [链接](http://x.cn/a,b) 一文。\n",
])
def test_markdown_never_fixes_inside_code_urls_or_front_matter(linter, text):
    assert fixed(linter, text) == text


def test_markdown_lints_the_prose_around_code(linter):
    text = f"{SPUN}\n\n```\n{SPUN}\n```\n\n见 `{SPUN}` 与 {SPUN}\n"
    assert [d.start for d in linter.lint(text, "x.md") if d.code == "WL101"] == [2, text.rindex("原那么")]


def test_markdown_text_after_a_closed_fence_is_linted(linter):
    assert flagged(linter, f"```\ncode\n```\n{SPUN}\n") == ["原那么"]


def test_markdown_front_matter_only_at_the_start(linter):
    assert flagged(linter, f"正文。\n\n---\n{SPUN}\n---\n") == ["原那么"]


def test_plain_text_is_linted_everywhere_except_urls(linter):
    assert flagged(linter, f"`{SPUN}`", "x.txt") == ["原那么"]
    assert flagged(linter, "访问 http://example.com/a,b 获取。", "x.txt") == []


def test_html_skips_tags_comments_script_style_and_pre(linter):
    text = (f"<p title=\"{SPUN}\">正文</p><!-- {SPUN} --><script>var s='{SPUN}'</script>"
            f"<style>/* {SPUN} */</style><pre>{SPUN}</pre><code>{SPUN}</code>")
    assert flagged(linter, text, "x.html") == []


def test_html_lints_the_text_between_tags(linter):
    assert flagged(linter, f"<p>{SPUN}</p>", "x.html") == ["原那么"]


def test_html_entities_in_html_are_markup_not_damage(linter):
    assert flagged(linter, "<p>张三&nbsp;李四</p>", "x.html") == []


def test_rst_skips_literals_and_directives(linter):
    assert flagged(linter, f"``{SPUN}``\n\n.. note:: {SPUN}\n", "x.rst") == []


def test_rst_skips_literal_blocks(linter):
    assert flagged(linter, f"例如::\n\n    {SPUN}\n\n正文。\n", "x.rst") == []


def test_tex_skips_commands_comments_math_and_verbatim(linter):
    text = (f"\\section{{引言}}% {SPUN}\n$x,y$\n\\begin{{verbatim}}\n{SPUN}\n\\end{{verbatim}}\n")
    assert flagged(linter, text, "x.tex") == []


# --- suppression --------------------------------------------------------------------------------

def test_disable_next_line_in_an_html_comment(linter):
    text = f"<!-- wenlint-disable-next-line -->\n{SPUN}\n{SPUN}\n"
    assert [d.start for d in linter.lint(text, "x.md")] == [text.rindex("原那么")]


def test_disable_next_line_with_codes_keeps_other_codes(linter):
    text = "<!-- wenlint-disable-next-line WL101 -->\n坚持原那么,好。\n"
    assert [d.code for d in linter.lint(text, "x.md")] == ["WL321"]


def test_disable_next_line_on_its_own_line_in_plain_text(linter):
    text = f"wenlint-disable-next-line\n{SPUN}\n{SPUN}\n"
    assert len(linter.lint(text, "x.txt")) == 1


def test_disable_next_line_with_crlf(linter):
    text = f"wenlint-disable-next-line WL101\r\n{SPUN}\r\n{SPUN}\r\n"
    assert len(linter.lint(text, "x.txt")) == 1


def test_disable_and_enable_bracket_a_region(linter):
    text = f"{SPUN}\nwenlint-disable\n{SPUN}\n{SPUN}\nwenlint-enable\n{SPUN}\n"
    lines = [text.count("\n", 0, d.start) + 1 for d in linter.lint(text, "x.txt")]
    assert lines == [1, 6]


def test_disable_without_enable_runs_to_the_end(linter):
    assert linter.lint(f"<!-- wenlint-disable WL1 -->\n\n{SPUN}\n\n{SPUN}\n", "x.md") == []


def test_disable_with_codes_keeps_other_codes(linter):
    text = "<!-- wenlint-disable WL321 -->\n坚持原那么,好。\n<!-- wenlint-enable WL321 -->\n"
    assert [d.code for d in linter.lint(text, "x.md")] == ["WL101"]


def test_disable_with_a_prefix_covers_the_family(linter):
    assert linter.lint(f"wenlint-disable WL1\n{SPUN}\n", "x.txt") == []


def test_marker_inside_a_sentence_in_plain_text_is_not_a_marker(linter):
    assert len(linter.lint(f"请勿写 wenlint-disable 于句中。{SPUN}\n", "x.txt")) == 1


def test_marker_outside_an_html_comment_in_markdown_is_not_a_marker(linter):
    assert len(linter.lint(f"wenlint-disable\n\n{SPUN}\n", "x.md")) == 1


def test_plain_text_marker_may_follow_a_comment_leader(linter):
    assert linter.lint(f"# wenlint-disable-next-line\n{SPUN}\n", "x.txt") == []


def test_suppressed_diagnostics_are_not_fixed(linter):
    text = f"wenlint-disable-next-line\n{SPUN}\n"
    assert fixed(linter, text, "x.txt") == text


def test_suppressions_parse_line_ranges():
    s = formats.suppressions("a\nwenlint-disable WL1, WL3\nb\nwenlint-enable WL1, WL3\n", "plain")
    assert s.ranges == [(2, 4, ("WL1", "WL3"))]
    assert s.covers("WL101", 3) and s.covers("WL321", 3) and not s.covers("WL501", 3) and not s.covers("WL101", 5)


def test_markers_shown_in_code_are_examples_not_directives():
    text = "<!-- wenlint-disable -->\n\n```\n<!-- wenlint-enable -->\n```\n\n坚持原那么。\n"
    assert formats.suppressions(text, "markdown").covers("WL101", 7)


@pytest.mark.parametrize("path", ["x.txt", "x.md", "x.html"])
def test_urls_with_any_characters_are_masked(linter, path):
    text = "参见https://baike.baidu.com/item/原那么，坚持原那么。\n"
    assert fixed(linter, text, path) == "参见https://baike.baidu.com/item/原那么，坚持原则。\n"
    assert [text[s:e] for s, e in formats.masked_spans(text, "plain")] == ["https://baike.baidu.com/item/原那么"]
