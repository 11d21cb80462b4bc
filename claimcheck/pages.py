"""The book's pages about the ledger: one page per source text (a card per claim), the summary.

Everything that comes from a CSV is HTML-escaped here: a quote field holding
``<script>`` shows as text, never as markup.  The schema.org ``ClaimReview`` of
each card is JSON whose ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so
no ledger text can close its ``<script>`` element or open a comment.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pandas as pd

from claimcheck.execution import record_read
from claimcheck.present import (VERDICT_LABELS, badge_html, card_url, explain, human_value, short_cite,
                                stated_chinese, stated_value, verdict_word)
from claimcheck.results import RESULTS_MIME, load_ledger
from claimcheck.tables import REPO_ROOT, load_table
from claimcheck.verdicts import BASES, REASONS, VERDICTS

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
VERDICT_COLOURS = {verdict: colour for verdict, (_, _, colour) in VERDICT_LABELS.items()}

# schema.org Rating of each verdict: 1 (worst) to 4 (best), with the verdict's word as alternateName.
RATINGS = {"discrepant": 1, "unsupported": 2, "unverifiable": 3, "reproduced": 4}


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


def _book_settings() -> tuple[str, str, str]:
    """(site URL, book title, edition date) from _config.yml and CITATION.cff: what a ClaimReview cites."""
    import yaml

    config_path, citation_path = REPO_ROOT / "_config.yml", REPO_ROOT / "CITATION.cff"
    record_read(config_path)
    record_read(citation_path)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    citation = yaml.safe_load(citation_path.read_text(encoding="utf-8"))
    return (config["html"]["baseurl"].rstrip("/") + "/", config["title"], str(citation["date-released"]))


def _sources() -> pd.DataFrame:
    return load_table("sources").set_index("source_id")


def source_link(source_id: str, sources: pd.DataFrame) -> str:
    """The source's address a reader can follow: its URL, else its DOI as a link, else ''."""
    if source_id not in sources.index:
        return ""
    row = sources.loc[source_id]
    if pd.notna(row["url"]):
        return str(row["url"])
    return f"https://doi.org/{row['doi']}" if pd.notna(row["doi"]) else ""


def _people(authors) -> list[dict]:
    """schema.org Persons from a sources.csv authors field ('A; B; C (institute)')."""
    if authors is None or pd.isna(authors):
        return []
    names = re.sub(r"\s*\([^)]*\)\s*$", "", str(authors))
    return [{"@type": "Person", "name": name.strip()} for name in names.split(";") if name.strip()]


def claim_review(claim, text, page_url: str, settings: tuple[str, str, str]) -> dict:
    """The schema.org ClaimReview of one claim: what fact-check aggregators and search engines read."""
    site, title, published = settings
    appearance = {"@type": "CreativeWork", "name": text["title"] if pd.notna(text["title"]) else text["title_en"],
                  "datePublished": str(int(text["year"]))}
    if pd.notna(text["doi"]):
        appearance["url"] = f"https://doi.org/{text['doi']}"
    elif pd.notna(text["url"]):
        appearance["url"] = str(text["url"])
    item = {"@type": "Claim", "text": claim.quote_zh, "inLanguage": "zh", "datePublished": str(int(text["year"])),
            "appearance": appearance}
    authors = _people(text["authors"])
    if authors:
        item["author"] = authors if len(authors) > 1 else authors[0]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{page_url}#{claim.claim_id}",
        "claimReviewed": claim.claim_en,
        "reviewBody": explain(claim._asdict()),
        "reviewRating": {"@type": "Rating", "ratingValue": RATINGS[claim.verdict], "bestRating": max(RATINGS.values()),
                         "worstRating": min(RATINGS.values()), "alternateName": verdict_word(claim.verdict)},
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": title, "url": site},
        "datePublished": published,
        "inLanguage": "en",
    }


def json_ld(data: dict) -> str:
    """A JSON-LD <script> element whose content no string inside can end early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{text}</script>'


def _evidence_html(claim, sources: pd.DataFrame, section: str | None) -> str:
    links = []
    source = claim.evidence_source_id if pd.notna(claim.evidence_source_id) else ""
    if source and source != claim.source_id:
        cite = escape(short_cite(source))
        url = source_link(source, sources)
        shown = f'<a href="{escape(url)}">{cite}</a>' if url else cite
        links.append(f'{shown} (<a href="../bibliography.html#cite-{escape(_anchor(source))}">bibliography entry</a>)')
    elif source:
        links.append("the text's own figures")
    if section:
        links.append(f'<a href="../../notebooks/{escape(section)}">how the chapter checked it</a>')
    return f'<p class="claim-evidence"><strong>Evidence:</strong> {" · ".join(links)}</p>' if links else ""


def _technical_html(claim) -> str:
    parts = [f"verdict <code>{escape(claim.verdict)}</code>"]
    if pd.notna(claim.basis):
        parts.append(f"basis <code>{escape(claim.basis)}</code>: {escape(BASES[claim.basis])}")
    if pd.notna(claim.reason):
        parts.append(f"reason <code>{escape(claim.reason)}</code>: {escape(REASONS[claim.reason][1])}")
    note = escape(claim.verdict_note) if pd.notna(claim.verdict_note) else ""
    return (f'<details class="claim-technical"><summary>Technical note</summary>'
            f'<p>{"; ".join(parts)}.</p><p>{note}</p></details>')


def _explanation_html(text: str) -> str:
    """The explanation with its first words (the verdict and how far off) in bold."""
    head, colon, rest = text.partition(": ")
    return f"<strong>{escape(head)}:</strong> {escape(rest)}" if colon else escape(text)


def claim_card_html(claim, sources: pd.DataFrame, section: str | None, review: dict | None) -> str:
    """One claim as a card: where it is, the quote, the English, the stated value, the verdict and why."""
    cid = escape(claim.claim_id)
    stated = stated_value(claim._asdict())
    chinese = stated_chinese(claim._asdict())
    value = ""
    if stated:
        value = f'<p class="claim-value"><strong>Stated:</strong> {escape(stated)}'
        value += f' <span lang="zh">({escape(chinese)})</span></p>' if chinese else "</p>"
    return (
        f'<article class="claim-card" id="{cid}" data-verdict="{escape(claim.verdict)}" aria-labelledby="{cid}-title">'
        f'<header class="claim-card-header"><h2 class="claim-card-title" id="{cid}-title">'
        f'<a class="claim-permalink" href="#{cid}" title="Permanent link to this claim">{cid}</a></h2>'
        f'<span class="claim-locator">{escape(claim.locator)}</span> {badge_html(claim.verdict)}</header>'
        f'<blockquote class="claim-quote" lang="zh">{escape(claim.quote_zh)}</blockquote>'
        f'<p class="claim-en">{escape(claim.claim_en)}</p>{value}'
        f'<p class="claim-explanation">{_explanation_html(explain(claim._asdict()))}</p>'
        f"{_evidence_html(claim, sources, section)}{_technical_html(claim)}"
        f"{json_ld(review) if review else ''}</article>"
    )


def _filter_html(claims: pd.DataFrame) -> str:
    """Buttons that show the cards of one verdict (hidden until the page's script runs: without it they do nothing)."""
    counts = claims["verdict"].value_counts()
    buttons = [f'<button type="button" data-verdict="all" aria-pressed="true">All ({len(claims)})</button>']
    for verdict in VERDICTS:
        if counts.get(verdict):
            word, icon, _ = VERDICT_LABELS[verdict]
            buttons.append(f'<button type="button" data-verdict="{verdict}" aria-pressed="false">'
                           f'<span aria-hidden="true">{icon}</span> {word} ({int(counts[verdict])})</button>')
    return ('<div class="claim-filter" role="group" aria-label="Show the claims of one verdict" hidden>'
            f'<span class="claim-filter-label">Show:</span> {"".join(buttons)}</div>')


def claim_cards_html(claims: pd.DataFrame, page_url: str | None = None) -> str:
    """The cards of ``claims`` (ledger rows, in reading order), with the verdict filter and a ClaimReview each.

    ``page_url`` is the absolute address of the page that carries the cards; without it
    (a page outside the site) no ClaimReview is written.
    """
    sections = verdict_sections()
    sources = _sources()
    settings = _book_settings() if page_url else None
    cards = []
    for claim in claims.itertuples():
        review = None
        if page_url and claim.verdict in RATINGS:
            review = claim_review(claim, sources.loc[claim.source_id], page_url, settings)
        cards.append(claim_card_html(claim, sources, sections.get(claim.claim_id), review))
    return f'{_filter_html(claims)}<div class="claim-cards">{"".join(cards)}</div>'


def source_record(source_id: str) -> pd.Series:
    return _sources().loc[source_id]


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
    """The body of a source page: bibliographic record, verdict counts, a card per claim in reading order."""
    from IPython.display import HTML, Markdown, display

    record = source_record(source_id)
    claims = source_claims(source_id)
    fields = [("Title", record.title), ("In English", record.title_en), ("Authors", record.authors),
              ("Venue", record.venue), ("Year", record.year), ("DOI", record.doi), ("File", record.file)]
    lines = [f"- **{name}:** {escape(str(value))}" for name, value in fields if pd.notna(value)]
    if pd.notna(record.doi):  # the DOI as a link a reader can follow
        lines = [f"- **DOI:** [{escape(record.doi)}](https://doi.org/{escape(record.doi)})" if line.startswith("- **DOI")
                 else line for line in lines]
    display(Markdown("\n".join(lines)))
    counts = claims["verdict"].value_counts()
    summary = " ".join(f"{badge_html(v)}&nbsp;{int(counts[v])}" for v in VERDICTS if counts.get(v))
    display(HTML(f'<p class="claim-summary"><strong>{len(claims)} claims:</strong> {summary}</p>'))
    site = _book_settings()[0]
    display(HTML(claim_cards_html(claims, f"{site}book/sources/{source_id}.html")))


def largest_discrepancies(claims: pd.DataFrame, count: int) -> pd.DataFrame:
    """The discrepant claims furthest from their check, by the factor between the two numbers.

    ``claims`` is the ledger with its verdicts (:func:`claimcheck.results.load_ledger`); only
    pairs of positive numbers can be ranked this way (``attrs["candidates"]`` says how many).
    """
    rows = []
    for record in claims.itertuples():
        stated, checked = record.stated, record.checked
        if (record.verdict == "discrepant" and pd.notna(stated) and pd.notna(checked) and stated > 0 and checked > 0
                and record.kind != "date" and record.unit not in ("rank", "year")):
            rows.append({"claim_id": record.claim_id, "factor": max(stated / checked, checked / stated)})
    ranked = pd.DataFrame(rows, columns=["claim_id", "factor"]).merge(claims, on="claim_id")
    ranked = ranked.sort_values(["factor", "claim_id"], ascending=[False, True]).head(count)
    table = pd.DataFrame({
        "claim": ranked["claim_id"],
        "what the text says": ranked["claim_en"],
        "stated": [human_value(r.stated, r.unit) for r in ranked.itertuples()],
        "checked": [human_value(r.checked, r.unit) for r in ranked.itertuples()],
        "why": [explain(r._asdict()) for r in ranked.itertuples()],
    }).reset_index(drop=True)
    table.index += 1
    table.attrs["candidates"] = len(rows)
    return table


def linked_table_html(table: pd.DataFrame, from_folder: str = "book") -> str:
    """A table for a page, every cell escaped, its ``claim`` column linked to each claim's card."""
    def cell(column, value):
        text = "" if pd.isna(value) else str(value)
        if column == "claim":
            return f'<a href="{escape(card_url(text, from_folder))}">{escape(text)}</a>'
        return escape(text)

    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{cell(c, v)}</td>" for c, v in row.items()) + "</tr>"
                   for _, row in table.iterrows())
    return f'<table class="claims-checked"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
