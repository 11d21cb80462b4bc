"""Hostile input: every corruption is rejected with one line naming file, row and column.

Generic corruptions are applied to every table the descriptor declares (so a new
table is covered the day it is added); specific ones target one field's rules.
"""

import csv
import io
import json
import re

import pytest

from claimcheck import DataError, load_table, resource_names
from claimcheck.pages import claim_cards_html
from claimcheck.results import load_ledger
from claimcheck.tables import DATA_DIR, REPO_ROOT, resource


def _rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(path, rows, **dialect):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", **dialect).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _set(path, row, column, value):
    rows = _rows(path)
    rows[row - 1][rows[0].index(column)] = value
    _write(path, rows)


def _field(table, predicate):
    """The first field of a table whose descriptor entry satisfies predicate, or None."""
    return next((f for f in resource(table)["schema"]["fields"] if predicate(f)), None)


def _first_required(table):
    return _field(table, lambda f: f.get("constraints", {}).get("required"))["name"]


# Generic corruptions: name -> (how to break the file, expected row, expected column(s) or None)
def empty_file(path, table):
    path.write_bytes(b"")
    return 1, resource(table)["schema"]["fields"][0]["name"]


def header_only(path, table):
    _write(path, _rows(path)[:1])
    return 2, resource(table)["schema"]["fields"][0]["name"]


def dropped_column(path, table):
    rows = _rows(path)
    _write(path, [r[:-1] for r in rows])
    return 1, rows[0][-1]


def renamed_column(path, table):
    rows = _rows(path)
    rows[0][1] = rows[0][1] + "_typo"
    _write(path, rows)
    return 1, rows[0][1].removesuffix("_typo")


def extra_field(path, table):
    rows = _rows(path)
    rows[1].append("surplus")
    _write(path, rows)
    return 2, f"#{len(rows[0]) + 1}"


def short_row(path, table):
    rows = _rows(path)
    rows[1] = rows[1][:-2]
    _write(path, rows)
    return 2, rows[0][-2]


def semicolons(path, table):
    _write(path, _rows(path), delimiter=";")
    return 1, resource(table)["schema"]["fields"][0]["name"]


def tabs(path, table):
    _write(path, _rows(path), delimiter="\t")
    return 1, resource(table)["schema"]["fields"][0]["name"]


def gbk_bytes(path, table):
    rows = _rows(path)
    rows[1][0] = rows[1][0] + "中文"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("gbk", errors="replace"))
    return None, None  # the first non-UTF-8 byte may be earlier than the inserted text


def duplicate_key(path, table):
    rows = _rows(path)
    rows.insert(2, list(rows[1]))
    _write(path, rows)
    key = resource(table)["schema"]["primaryKey"]
    return 3, key[0] if isinstance(key, list) else key


def blank_required(path, table):
    column = _first_required(table)
    _set(path, 2, column, "")
    return 2, column


def unterminated_quote(path, table):
    text = path.read_text(encoding="utf-8").split("\n")
    text[1] = '"' + text[1]
    path.write_text("\n".join(text), encoding="utf-8")
    return None, None


GENERIC = [empty_file, header_only, dropped_column, renamed_column, extra_field, short_row,
           semicolons, tabs, gbk_bytes, duplicate_key, blank_required, unterminated_quote]


def _assert_one_precise_line(message, path, row, column):
    assert "\n" not in message, message
    assert message.startswith(f"{path}, row "), message
    if row is not None:
        assert f", row {row}," in message, message
    assert re.search(r", column [^:]+: ", message), message
    if column is not None:
        assert f"column {column}" in message, message


@pytest.mark.parametrize("table", resource_names())
@pytest.mark.parametrize("corrupt", GENERIC, ids=lambda f: f.__name__)
def test_generic_corruption_is_rejected(table, corrupt, data_copy):
    path = data_copy / resource(table)["path"]
    row, column = corrupt(path, table)
    with pytest.raises(DataError) as caught:
        load_table(table, data_copy)
    _assert_one_precise_line(str(caught.value), path, row, column)


# Specific corruptions: (table, row, column, bad value, words expected in the message)
SPECIFIC = {
    "number with Chinese unit": ("models", 3, "parameters", "1.2亿", "not a number"),
    "thousands separator": ("models", 3, "parameters", "1,750,000", "not a number"),
    "percent sign": ("claims", 4, "value", "44%", "not a number"),
    "full-width digits": ("models", 3, "parameters", "１７５", "not a number"),
    "python-only number syntax": ("models", 3, "parameters", "1_000", "not a number"),
    "infinity": ("models", 3, "parameters", "inf", "not a number"),
    "not-a-number": ("claims", 4, "value", "NaN", "not a number"),
    "negative count": ("models", 4, "parameters", "-5", "minimum"),
    "zero parameters": ("models", 4, "parameters", "0", "minimum"),
    "year as words": ("sources", 2, "year", "二〇二三", "not an integer"),
    "year out of range": ("sources", 2, "year", "1066", "minimum"),
    "unknown unit": ("claims", 6, "unit", "percent", "enum"),
    "unknown category": ("claims", 6, "category", "gossip", "enum"),
    "unknown verdict": ("verdicts", 7, "verdict", "plausible", "enum"),
    "unknown reason": ("verdicts", 7, "reason", "implausible", "enum"),
    "unknown basis": ("verdicts", 7, "basis", "hearsay", "enum"),
    "unknown reason for leaving a claim open": ("unsettled-claims", 2, "reason", "wrong-value", "enum"),
    "a fact without its confirmation": ("event-dates", 3, "confirmation", "", "required"),
    "a confirmation of no known kind": ("models", 3, "confirmation", "I remember it", "pattern"),
    "a fact of no known basis": ("cost-energy", 2, "basis", "arithmetic", "enum"),
    "impossible day": ("claims", 11, "as_of", "2023-02-30", "not a day of the calendar"),
    "impossible month": ("event-dates", 4, "date", "2021-13", "no month 13"),
    "malformed claim id": ("claims", 8, "claim_id", "S3-82", "pattern"),
    "duplicate claim id": ("claims", 9, "claim_id", "S000-001", "duplicate"),
    "unknown source_id": ("claims", 10, "source_id", "S999", "S999"),
    "unknown reference source": ("models", 5, "reference_source_id", "wikipedia", "wikipedia"),
    "malformed as_of date": ("claims", 11, "as_of", "March 2023", "pattern"),
    "missing notebook": ("verdicts", 2, "notebook", "no-such-chapter.ipynb", "not a notebook"),
    "notebook outside notebooks/": ("verdicts", 2, "notebook", "../setup.py", "pattern"),
    "a verdict for a claim the ledger lacks": ("verdicts", 2, "claim_id", "S009-001", "S009-001"),
    "malformed DOI": ("sources", 3, "doi", "doi:10.1/x", "pattern"),
    "unknown source kind": ("sources", 3, "kind", "blog", "enum"),
    "script in a url": ("sources", 3, "url", "javascript:alert(1)", "pattern"),
}


def _assert_rejected(data_copy, table, row, column, bad, words):
    """Set one cell to a bad value; loading the table must fail with one line naming file, row, column."""
    path = data_copy / resource(table)["path"]
    _set(path, row, column, bad)
    with pytest.raises(DataError) as caught:
        load_table(table, data_copy)
    message = str(caught.value)
    _assert_one_precise_line(message, path, row, column)
    assert words in message, message


@pytest.mark.parametrize("case", sorted(SPECIFIC))
def test_specific_corruption_is_rejected(case, data_copy):
    _assert_rejected(data_copy, *SPECIFIC[case])


def _row_where(path, column, value):
    """The row number (header = 1) of the first row whose column holds value."""
    rows = _rows(path)
    return next(n for n, row in enumerate(rows[1:], start=2) if row[rows[0].index(column)] == value)


# Values that parse but cannot be true together: (table, column to find a row by, its value,
# column to break, bad value, words expected)
CONTRADICTIONS = {
    "a range running downwards": ("claims", "claim_id", "S000-006", "value_high", "1900", "below its lower end"),
    "a reproduced verdict with a reason": ("verdicts", "verdict", "reproduced", "reason", "wrong-value", "takes no reason"),
    "a discrepancy with the reason of an open claim": ("verdicts", "verdict", "discrepant", "reason", "undisclosed",
                                                      "a reason for a discrepant verdict"),
    "a settled verdict without a basis": ("verdicts", "verdict", "reproduced", "basis", "", "what evidence it rests on"),
    "a settled verdict without a source": ("verdicts", "verdict", "discrepant", "source_id", "", "what evidence it rests on"),
    "an open verdict with a basis": ("verdicts", "verdict", "unsupported", "basis", "independent", "has no basis"),
    "a settled verdict that compared nothing": ("verdicts", "verdict", "reproduced", "kind", "", "how the two values were compared"),
    "an open verdict that compared something": ("verdicts", "verdict", "unverifiable", "kind", "figure", "compared nothing"),
    "a date comparison without the evidence's date": ("verdicts", "kind", "date", "checked_date", "", "the evidence's date"),
    "an evidence date on a figure comparison": ("verdicts", "kind", "figure", "checked_date", "2022-11-30", "the evidence's date"),
    "an open claim blamed on the book's data": ("unsettled-claims", "reason", "no-record", "note",
                                                "no independent figure in the book's data", "not a reason"),
    "a stated date that is no day": ("claims", "claim_id", "S004-117", "value_text", "2022-02-30", "not a day of the calendar"),
}


@pytest.mark.parametrize("case", sorted(CONTRADICTIONS))
def test_values_that_cannot_be_true_are_rejected(case, data_copy):
    table, key, key_value, column, bad, words = CONTRADICTIONS[case]
    row = _row_where(data_copy / resource(table)["path"], key, key_value)
    _assert_rejected(data_copy, table, row, column, bad, words)


INJECTED = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_markup_in_a_quote_is_escaped_on_source_pages(data_copy):
    _set(data_copy / "claims.csv", 2, "quote_zh", INJECTED)
    claims = load_ledger(data_copy)
    html = claim_cards_html(claims[claims["source_id"] == "S000"], "https://example.org/book/sources/S000.html")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # the card shows it as text
    assert "\\u003cscript\\u003e" in html  # and its ClaimReview carries it as a JSON string


@pytest.mark.parametrize("table", resource_names())
def test_spreadsheet_variants_load_for_every_table(table, data_copy):
    path = data_copy / resource(table)["path"]
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert load_table(table, data_copy).equals(load_table(table))


def test_the_descriptor_covers_every_csv():
    declared = {resource(name)["path"] for name in resource_names()}
    on_disk = {p.name for p in DATA_DIR.glob("*.csv")}
    assert declared == on_disk
    assert json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["resources"]


def test_markup_in_a_quote_stays_text_in_both_editions(data_copy):
    """The cards carry both languages (claimcheck.present.bilingual); each edition's build keeps one
    (book/_ext/language_editions.py).  A quote that tries to close the Chinese <template> early, or to
    end the English part, stays text in both."""
    import sys

    sys.path.insert(0, str(REPO_ROOT / "book" / "_ext"))
    from language_editions import keep_own_language

    from claimcheck.present import bilingual

    _set(data_copy / "claims.csv", 2, "quote_zh", '</template><!--/lang:en--><script>alert("x")</script>')
    claims = load_ledger(data_copy)
    cards = bilingual(lambda lang: claim_cards_html(claims[claims["source_id"] == "S000"],
                                                    "https://example.org/book/sources/S000.html", lang))
    for chinese in (False, True):
        page = keep_own_language(cards, chinese)
        assert "<script>alert" not in page and "</template>" not in page
        assert page.count('class="claim-card"') == (claims["source_id"] == "S000").sum()
