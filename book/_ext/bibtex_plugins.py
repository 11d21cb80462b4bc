"""pybtex's work, done once: its plugin lookups once a build, each entry's formatting once
for as long as the entry and the software stay the same.

- sphinxcontrib-bibtex asks pybtex for its styles at every citation, and pybtex finds
  each one by scanning the entry points of every installed package: some 120 scans a
  build, two seconds of each edition's.  The installed packages do not change while a
  build runs, so each scan's result is remembered; plugins registered at run time are
  still looked up first, as pybtex does.
- After every build, even one where nothing changed, sphinxcontrib-bibtex formats every
  entry of references.bib twice (once more for the hover tooltips): about a second of
  each edition's.  A formatted entry depends only on the style, the label and the
  entry's own fields and names (sphinxcontrib-bibtex makes its styles with their
  defaults), so it is kept with the edition's saved environment, under a key of
  those and of the versions of pybtex and sphinxcontrib-bibtex, and formatted again
  only when one of them changes.

The book's style (``bibtex_default_style``) is pybtex's alpha, sphinxcontrib-bibtex's
default, with each title as references.bib writes it: pybtex sets titles in sentence
case, lowering every letter outside braces, and so misquoted them ("Data on notable ai
models" for Epoch AI's "Data on Notable AI Models", 中国ai绘画 for 中国AI绘画); and
with each date printed once.
"""

import functools
from importlib.metadata import version

import pybtex.plugin
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.template import field, optional, optional_field, sentence

_scan = pybtex.plugin.entry_points
_format_entry = BaseStyle.format_entry
VERSIONS = (version("pybtex"), version("sphinxcontrib-bibtex"))

_formatted = {"kept": {}, "used": {}}  # this build's: from the saved environment, and formatted or reused now


@functools.lru_cache(maxsize=None)
def _entry_points(group, name):
    return tuple(_scan(group=group, name=name))


def entry_key(style, label, entry) -> tuple:
    """What a formatted entry depends on."""
    fields = tuple((name, str(value)) for name, value in entry.fields.items())
    persons = tuple((role, tuple(str(person) for person in people)) for role, people in entry.persons.items())
    return (VERSIONS, type(style).__module__, type(style).__qualname__, label, entry.key, entry.type, fields, persons)


def format_entry(style, label, entry, bib_data=None):
    if bib_data is not None:  # cross-references: formatting reads other entries too
        return _format_entry(style, label, entry, bib_data)
    key = entry_key(style, label, entry)
    formatted = _formatted["kept"].get(key)
    if formatted is None:
        formatted = _format_entry(style, label, entry)
    _formatted["used"][key] = formatted
    return formatted


def _keep_with_environment(app):
    """The entries formatted in the last build come from the saved environment; this build's go back into it."""
    _formatted["kept"] = getattr(app.env, "bibtex_formatted_entries", {})
    _formatted["used"] = app.env.bibtex_formatted_entries = {}


class TitlesAsWritten(AlphaStyle):
    """The book's style: pybtex's alpha, titles as written, each date once (see above)."""

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def get_misc_template(self, e):
        """A web page or post whose howpublished dates it already ("Reuters, 2 February 2023")
        gets no second date from the style ("…, February 2023")."""
        year = e.fields.get("year")
        if not year or year not in e.fields.get("howpublished", ""):
            return super().get_misc_template(e)
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[self.format_title(e, "title")],
            sentence[field("howpublished")],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


STYLE_NAME = "alpha_titles_as_written"


def setup(app):
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, TitlesAsWritten)
    pybtex.plugin.entry_points = lambda group, name: _entry_points(group, name)
    BaseStyle.format_entry = format_entry
    app.connect("builder-inited", _keep_with_environment)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
