"""Renderings of the ledger shared by the book's pages (one page per source text, the summary).

Everything that comes from a CSV is HTML-escaped here: a quote field holding
``<script>`` shows as text, never as markup.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pandas as pd

from claimcheck.execution import record_read
from claimcheck.results import RESULTS_MIME, load_ledger
from claimcheck.tables import REPO_ROOT, load_table
from claimcheck.verdicts import VERDICTS, format_number

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
VERDICT_COLOURS = {"reproduced": "#2e7d32", "discrepant": "#c62828", "unsupported": "#b26a00",
                   "unverifiable": "#5f6b7a", "unchecked": "#9e9e9e"}


def _anchor(heading: str) -> str:
    """The id Sphinx gives a section heading."""
    from docutils.nodes import make_id

    return make_id(heading)


def verdict_sections(notebooks_dir: Path = NOTEBOOKS_DIR) -> dict[str, str]:
    """claim_id -> 'notebooks/<name>.html#<section>': where each verdict is computed."""
    where = {}
    for notebook in sorted(notebooks_dir.glob("*.ipynb")):
        record_read(notebook)
        section = ""
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                headings = re.findall(r"^#{1,3} (.+)$", "".join(cell["source"]), flags=re.M)
                if headings:
                    section = _anchor(headings[-1])
            for output in cell.get("outputs", []):
                for record in output.get("data", {}).get(RESULTS_MIME, []):
                    where[record["claim_id"]] = f"{notebook.stem}.html" + (f"#{section}" if section else "")
    return where


def _value_cell(claim) -> str:
    parts = []
    if pd.notna(claim.value):
        number = format_number(claim.value)
        if pd.notna(claim.value_high):
            number += f"–{format_number(claim.value_high)}"
        parts.append(escape(f"{number} {claim.unit}"))
    if pd.notna(claim.value_text):
        parts.append(f"<em>{escape(claim.value_text)}</em>")
    return "<br>".join(parts)


def _verdict_cell(claim, link: str | None) -> str:
    colour = VERDICT_COLOURS[claim.verdict]
    label = f'<strong style="color:{colour}">{escape(claim.verdict)}</strong>'
    if link:
        label = f'<a href="../../notebooks/{escape(link)}">{label}</a>'
    parts = [p for p in (claim.basis, claim.reason) if pd.notna(p)]
    kind = f" <small>({escape(', '.join(parts))})</small>" if parts else ""
    note = f"<br><small>{escape(claim.verdict_note)}</small>" if pd.notna(claim.verdict_note) else ""
    return label + kind + note


def claims_table_html(claims: pd.DataFrame) -> str:
    """An HTML table of claims in reading order: id and place, quote, English, value, verdict."""
    sections = verdict_sections()
    rows = []
    for claim in claims.itertuples():
        rows.append(
            "<tr>"
            f"<td><code>{escape(claim.claim_id)}</code><br><small>{escape(claim.locator)}</small></td>"
            f'<td lang="zh">{escape(claim.quote_zh)}</td>'
            f"<td>{escape(claim.claim_en)}</td>"
            f"<td>{_value_cell(claim)}</td>"
            f"<td>{_verdict_cell(claim, sections.get(claim.claim_id))}</td>"
            "</tr>"
        )
    header = "".join(f"<th>{h}</th>" for h in ("claim", "quote", "in English", "value", "verdict"))
    return f'<table class="claims-table"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def source_record(source_id: str) -> pd.Series:
    return load_table("sources").set_index("source_id").loc[source_id]


def source_claims(source_id: str) -> pd.DataFrame:
    claims = load_ledger()
    return claims[claims["source_id"] == source_id]


def verdict_counts(claims: pd.DataFrame, by: str) -> pd.DataFrame:
    """Claims by ``by`` × verdict, every verdict a column (zeros included; ``unchecked`` only when
    a claim is), with totals."""
    shown = [v for v in VERDICTS if v != "unchecked" or (claims["verdict"] == "unchecked").any()]
    table = pd.crosstab(claims[by], claims["verdict"]).reindex(columns=shown, fill_value=0)
    table["all"] = table.sum(axis=1)
    table.loc["all"] = table.sum()
    table.columns.name = None
    return table


def show_source_page(source_id: str) -> None:
    """The body of a source page: bibliographic record, verdict counts, claims in reading order."""
    from IPython.display import HTML, Markdown, display

    record = source_record(source_id)
    claims = source_claims(source_id)
    fields = [("Title", record.title), ("In English", record.title_en), ("Authors", record.authors),
              ("Venue", record.venue), ("Year", record.year), ("DOI", record.doi), ("File", record.file)]
    lines = [f"- **{name}:** {escape(str(value))}" for name, value in fields if pd.notna(value)]
    display(Markdown("\n".join(lines)))
    counts = claims["verdict"].value_counts()
    summary = ", ".join(f"{int(counts.get(v, 0))} {v}" for v in VERDICTS if v != "unchecked" or counts.get(v))
    display(Markdown(f"**{len(claims)} claims:** {summary}."))
    display(HTML(claims_table_html(claims)))


def largest_discrepancies(claims: pd.DataFrame, count: int) -> pd.DataFrame:
    """The discrepant claims furthest from their check, by the factor between the two numbers.

    ``claims`` is the ledger with its verdicts (:func:`claimcheck.results.load_ledger`); only
    pairs of positive numbers can be ranked this way (``attrs["candidates"]`` says how many).
    """
    rows = []
    for record in claims.itertuples():
        stated, checked = record.stated, record.checked
        if record.verdict == "discrepant" and pd.notna(stated) and pd.notna(checked) and stated > 0 and checked > 0:
            rows.append({"claim_id": record.claim_id, "stated": stated, "checked": checked,
                         "factor": max(stated / checked, checked / stated),
                         "chapter": record.notebook.removesuffix(".ipynb")})
    ranked = pd.DataFrame(rows, columns=["claim_id", "stated", "checked", "factor", "chapter"])
    ranked = ranked.merge(claims[["claim_id", "claim_en", "reason"]], on="claim_id")
    ranked = ranked.sort_values(["factor", "claim_id"], ascending=[False, True]).head(count)
    table = pd.DataFrame({
        "claim": ranked["claim_id"],
        "what the text says": ranked["claim_en"],
        "stated": ranked["stated"].map(format_number),
        "checked": ranked["checked"].map(format_number),
        "factor": ranked["factor"].map(lambda f: f"{f:,.1f}×"),
        "reason": ranked["reason"],
        "chapter": ranked["chapter"],
    }).reset_index(drop=True)
    table.index += 1
    table.attrs["candidates"] = len(rows)
    return table
