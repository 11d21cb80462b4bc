"""The Chinese edition's message catalogs (locales/zh_CN/LC_MESSAGES/*.po): what must hold, and one fix.

`python scripts/catalogs.py check` lists every problem, naming the file and the message
(a glued value in words may be pasted as its Chinese twin, the key with `_zh` appended):
a message of the current English prose (_build/gettext/*.pot, which `make test` and
`make translations` write) with no translation, or a fuzzy one (so too in the catalogs
of the controls' words, INTERFACE); a translation whose markup differs from its
message's (roles such as {cite} and {doc}, inline code); a glossary term translated
another way (claimcheck/glossary.csv, the terms marked strict); a number typed in a
translation that its English does not type (numbers are pasted with glue).
tests/test_translations.py fails on any of them.

`python scripts/catalogs.py fix [CATALOG...]` rewrites, in every translation (of the catalogs named), a glue role that names
only its key ({glue:text}`n_claims`) into the form that works in translated text,
which names the document too ({glue:text}`/book/intro.md::n_claims:s`): Sphinx parses
a translation as a document of its own, which holds no glue data.  `make
translations` runs it after merging new messages.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "_build" / "gettext"
CATALOGS = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
GLOSSARY = ROOT / "claimcheck" / "glossary.csv"
# The words of the pages' controls that Sphinx's and the theme's catalogs lack or word otherwise
# (book/_ext/language_editions.py): no page's catalog, and no message template lists them.
INTERFACE = [CATALOGS / "sphinx.po", CATALOGS / "booktheme.po"]

ROLE = re.compile(r"\{([a-z:]+)\}`([^`]*)`")
CODE = re.compile(r"(?<![`}])`([^`]+)`")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
SHORT_GLUE = re.compile(r"\{glue:text\}`([A-Za-z_][A-Za-z0-9_]*)(:[^`]*)?`")


def _read(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle)


def _document_of(catalog: Path) -> str:
    """The source document a catalog translates: /book/intro.md or /notebooks/compute.ipynb."""
    name = catalog.relative_to(CATALOGS).with_suffix("")
    for suffix in (".md", ".ipynb"):
        if (ROOT / name).with_suffix(suffix).is_file():
            return "/" + str(name.with_suffix(suffix))
    raise FileNotFoundError(f"no source document for {catalog}")


def qualified_glue(text: str, document: str) -> str:
    """{glue:text}`key` -> {glue:text}`<document>::key:s` (a format spec, if any, is kept)."""
    return SHORT_GLUE.sub(lambda m: f"{{glue:text}}`{document}::{m.group(1)}{m.group(2) or ':s'}`", text)


def _roles(text: str, document: str) -> list[str]:
    """The roles of a text, glue roles in their qualified form, sorted (their order may change).

    A glued value in words has a Chinese twin glued under the same key with ``_zh`` appended
    (``gap_trend_zh`` beside ``gap_trend``); a translation pasting the twin counts as pasting the key.
    """
    qualified = re.sub(r"(::[A-Za-z0-9_]+?)_zh(:[^`]*`)", r"\1\2", qualified_glue(text, document))
    return sorted(f"{{{name}}}`{content}`" for name, content in ROLE.findall(qualified))


MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve"]


def _typed_numbers(source: str, text: str) -> set[str]:
    """Numbers a translation types in prose that pastes glued numbers, which its English does not write
    (as digits, a month name or a number word) and which are not in a quotation of a text's own Chinese:
    they should be pasted, not typed."""
    if "{glue" not in source:
        return set()
    words = source.lower()
    allowed = set(NUMBER.findall(source))
    allowed |= {str(n) for n, month in enumerate(MONTHS, start=1) if month in words or month[:3] + " " in words}
    allowed |= {str(n) for n, word in enumerate(NUMBER_WORDS) if re.search(rf"\b{word}\b", words)}
    unquoted = re.sub(r"“[^”]*”", "", CODE.sub("", ROLE.sub("", text)))  # the texts' own wording may be quoted
    return set(NUMBER.findall(unquoted)) - allowed


def _glossary() -> dict[str, str]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return {row["term"]: row["zh"] for row in csv.DictReader(handle) if row["strict"] == "yes"}


def problems() -> list[str]:
    """Every problem of the catalogs against the current message templates, one line each."""
    found = []
    glossary = _glossary()
    templates = sorted(TEMPLATES.rglob("*.pot"))
    if not templates:
        return [f"{TEMPLATES}: no message templates; run `make book` first"]
    for catalog in INTERFACE:
        for message in _read(catalog):
            if message.id and (not message.string or message.fuzzy):
                found.append(f"{catalog.relative_to(ROOT)}: untranslated or fuzzy: {message.id!r}")
    for template in templates:
        catalog = CATALOGS / template.relative_to(TEMPLATES).with_suffix(".po")
        shown = catalog.relative_to(ROOT)
        if not catalog.is_file():
            found.append(f"{shown}: missing (run `make translations`, then translate it)")
            continue
        document = _document_of(catalog)
        translated = {m.id: m for m in _read(catalog) if m.id}
        for message in _read(template):
            if not message.id:
                continue
            head = str(message.id)[:70].replace("\n", " ")
            entry = translated.get(message.id)
            if entry is None or not entry.string:
                found.append(f"{shown}: untranslated: {head!r}")
                continue
            if entry.fuzzy:
                found.append(f"{shown}: fuzzy (the English changed; check the translation): {head!r}")
            text, source = str(entry.string), str(message.id)
            if SHORT_GLUE.search(text):
                found.append(f"{shown}: a glue role without its document (run `python scripts/catalogs.py fix`): {head!r}")
            if _roles(source, document) != _roles(text, document):
                found.append(f"{shown}: the roles differ from the English ({{cite}}, {{doc}}, {{glue}}…): {head!r}")
            if sorted(CODE.findall(ROLE.sub("", source))) != sorted(CODE.findall(ROLE.sub("", text))):
                found.append(f"{shown}: the inline code differs from the English: {head!r}")
            typed = _typed_numbers(source, text)
            if typed:
                found.append(f"{shown}: numbers typed that the English does not type ({', '.join(sorted(typed))}): "
                             f"paste them with glue: {head!r}")
            for term, chinese in glossary.items():
                if re.search(rf"\b{re.escape(term)}\b", source) and chinese not in text:
                    found.append(f"{shown}: '{term}' is '{chinese}' in the glossary: {head!r}")
    return found


def fix(paths: list[Path] | None = None) -> int:
    """Qualify the glue roles of every translation (of ``paths``, or of every catalog) with their
    document; return how many catalogs changed."""
    from babel.messages.pofile import write_po

    changed = 0
    if paths:
        pages = sorted(Path(p).resolve() for p in paths)
    else:
        pages = sorted(set(CATALOGS.rglob("*.po")) - set(INTERFACE))
    for path in pages:
        catalog, document = _read(path), _document_of(path)
        touched = False
        for message in catalog:
            if message.id and message.string and SHORT_GLUE.search(str(message.string)):
                message.string = qualified_glue(str(message.string), document)
                touched = True
        if touched:
            with path.open("wb") as handle:
                write_po(handle, catalog, width=0)
            changed += 1
    return changed


if __name__ == "__main__":
    if sys.argv[1:2] == ["fix"]:
        print(f"{fix([Path(p) for p in sys.argv[2:]])} catalogs changed")
    else:
        listed = problems()
        print("\n".join(listed) or "the catalogs cover every message")
        sys.exit(1 if listed else 0)
