"""The bibliography's formatted entries, kept between builds (book/_ext/bibtex_plugins.py),
are pybtex's own, and an entry that changed is formatted again."""

import pickle
import re
import sys

import pytest
import yaml
from pybtex.database import parse_file
from pybtex.richtext import Text

from claimcheck.tables import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "book" / "_ext"))
import bibtex_plugins  # noqa: E402

STYLE = bibtex_plugins.TitlesAsWritten()  # the book's style, as sphinxcontrib-bibtex makes it
pybtex_format = bibtex_plugins._format_entry  # pybtex's own, before a test wraps it


def _formatted(entries):
    labels = STYLE.format_labels(STYLE.sort(entries))
    return [(label, entry, bibtex_plugins.format_entry(STYLE, label, entry).text.render_as("html"))
            for label, entry in zip(labels, STYLE.sort(entries))]


@pytest.fixture
def saved_and_reloaded(monkeypatch):
    """Formats every entry of references.bib as a build would, then starts the next build
    from the kept entries, as Sphinx's saved environment gives them back."""
    monkeypatch.setitem(bibtex_plugins._formatted, "kept", {})
    monkeypatch.setitem(bibtex_plugins._formatted, "used", {})
    entries = list(parse_file(REPO_ROOT / "book" / "references.bib").entries.values())
    first = _formatted(entries)
    monkeypatch.setitem(bibtex_plugins._formatted, "kept", pickle.loads(pickle.dumps(bibtex_plugins._formatted["used"])))
    monkeypatch.setitem(bibtex_plugins._formatted, "used", {})
    return entries, first


def test_every_entry_is_formatted_as_pybtex_formats_it(saved_and_reloaded):
    entries, first = saved_and_reloaded
    assert len(first) > 100
    for label, entry, html in first:
        assert html == bibtex_plugins._format_entry(STYLE, label, entry).text.render_as("html"), entry.key


def test_the_next_build_reuses_them_and_formats_a_changed_entry_again(saved_and_reloaded, monkeypatch):
    entries, first = saved_and_reloaded
    formatted_again = []
    monkeypatch.setattr(bibtex_plugins, "_format_entry",
                        lambda style, label, entry, bib_data=None: formatted_again.append(entry.key)
                        or pybtex_format(style, label, entry))
    assert [html for *_, html in _formatted(entries)] == [html for *_, html in first]
    assert formatted_again == []
    changed = next(entry for entry in entries if "title" in entry.fields)
    changed.fields["title"] = "Another title"
    _formatted(entries)
    assert formatted_again == [changed.key]



def test_the_book_formats_its_entries_in_its_own_style():
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["bibtex_default_style"] == bibtex_plugins.STYLE_NAME


def test_every_title_is_printed_as_references_bib_writes_it():
    """pybtex's own styles lower every letter of a title outside braces (AI -> ai); the book's keeps them."""
    entries = list(parse_file(REPO_ROOT / "book" / "references.bib").entries.values())
    misquoted = []
    for label, entry in zip(STYLE.format_labels(STYLE.sort(entries)), STYLE.sort(entries)):
        if "title" not in entry.fields:
            continue
        title = Text.from_latex(entry.fields["title"]).render_as("text")
        printed = bibtex_plugins.format_entry(STYLE, label, entry).text.render_as("text")
        if title not in printed or "\\" in printed:
            misquoted.append(f"{entry.key}: {title!r} printed as {printed!r}")
    assert not misquoted, "\n".join(misquoted[:10])


def test_no_entry_prints_its_date_twice():
    """A howpublished that gives the date ("Reuters, 2 February 2023") takes no second one from the style."""
    entries = list(parse_file(REPO_ROOT / "book" / "references.bib").entries.values())
    twice = []
    for label, entry in zip(STYLE.format_labels(STYLE.sort(entries)), STYLE.sort(entries)):
        printed = bibtex_plugins.format_entry(STYLE, label, entry).text.render_as("text")
        if re.search(r"\b((?:19|20)\d\d)\b[^.]*, (?:[A-Z][a-z]+ )?\1\.", printed):
            twice.append(f"{entry.key}: {printed!r}")
    assert not twice, "\n".join(twice[:10])
