"""Markup in the data is shown as text in the built site, never run as markup.

Builds the pages that render free text from the ledger (a source page and the
claims explorer) from a copy of data/ whose quote, English, note and finding fields
hold HTML and script, then reads the HTML, and the source page's structured data
with a real extractor.
"""

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.tables import REPO_ROOT

PAYLOADS = {  # (file, column) -> payload; each carries a marker, to prove the text did reach the page
    # the quote and the English are also in the card's ClaimReview (JSON-LD): they try to end its
    # <script> element, to open a comment that swallows the rest, and to end a JSON string early
    ("claims.csv", "quote_zh"): '<script>alert(1)</script>MARKER-QUOTE<!-- "',
    ("claims.csv", "claim_en"): '<img src=x onerror="alert(2)">MARKER-ENGLISH</script><script>alert(4)</script>',
    ("verdicts.csv", "note"): "</td></tr></table><iframe src=javascript:alert(3)>MARKER-NOTE",
    ("verdicts.csv", "finding"): "</script><!--MARKER-FINDING\" ' & \\",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    for (name, column), payload in PAYLOADS.items():
        path = data / name
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        rows[1][rows[0].index(column)] = payload  # the first claim of S000
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    toc = root / "toc.yml"
    toc.write_text("format: jb-book\nroot: book/sources/S000\nchapters:\n"
                   "- file: book/claims-explorer\n- file: book/bibliography\n", encoding="utf-8")
    env = {**os.environ, "CLAIMCHECK_DATA_DIR": str(data)}
    result = subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(REPO_ROOT), "--toc", str(toc),
                             "--path-output", str(root)], env=env, capture_output=True, text=True, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "_build" / "html" / "book"


@pytest.mark.parametrize("page", ["sources/S000.html", "claims-explorer.html"])
def test_markup_in_data_is_escaped(hostile_site, page):
    html = (hostile_site / page).read_text(encoding="utf-8")
    assert "MARKER-QUOTE" in html and "MARKER-ENGLISH" in html, "the payloads did not reach the page"
    for tag in ("<script>alert", "<img src=x", "<iframe", "<!--MARKER", "<!-- \""):
        assert tag not in html, f"{tag!r} reached {page} as markup"
    # nothing the payloads carry can close the table or script it sits in
    assert not re.search(r"</td></tr></table><iframe", html)


def test_ledger_text_cannot_break_out_of_the_claim_review(hostile_site):
    import extruct

    html = (hostile_site / "sources/S000.html").read_text(encoding="utf-8")
    reviews = [r for r in extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
               if r.get("@type") == "ClaimReview"]
    first = next(r for r in reviews if r["url"].endswith("#S000-001"))
    # the payloads arrive whole, as strings, in the one review of their claim
    assert first["claimReviewed"] == PAYLOADS[("claims.csv", "claim_en")]
    assert first["itemReviewed"]["text"] == PAYLOADS[("claims.csv", "quote_zh")]
    assert PAYLOADS[("verdicts.csv", "finding")] in first["reviewBody"]
    assert len(reviews) == html.count('class="claim-card"')  # no review lost to a broken block
