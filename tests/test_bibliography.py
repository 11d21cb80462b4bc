"""The bibliography's formatted entries, kept between builds (book/_ext/bibtex_plugins.py),
are pybtex's own, and an entry that changed is formatted again."""

import pickle
import sys

import pytest
from pybtex.database import parse_file
from pybtex.plugin import find_plugin

from claimcheck.tables import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "book" / "_ext"))
import bibtex_plugins  # noqa: E402

STYLE = find_plugin("pybtex.style.formatting", "alpha")()  # sphinxcontrib-bibtex's default, as the book uses it
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

