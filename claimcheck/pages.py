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
from claimcheck.present import (VERDICT_LABELS, badge_html, bilingual, card_url, explain, human_value, short_cite,
                                sources_by_id, stated_chinese, stated_value, verdict_word)
from claimcheck.results import RESULTS_MIME, load_ledger
from claimcheck.tables import REPO_ROOT
from claimcheck.verdicts import BASES, REASONS, VERDICTS
from claimcheck.wording import glossary, label

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


def _book_settings(lang: str = "en") -> tuple[str, str, str]:
    """(edition URL, book title, edition date) from _config.yml, locales/ and CITATION.cff: what a
    ClaimReview cites.  The Chinese edition lives under zh/ and has its own title."""
    import yaml

    config_path, citation_path = REPO_ROOT / "_config.yml", REPO_ROOT / "CITATION.cff"
    record_read(config_path)
    record_read(citation_path)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    citation = yaml.safe_load(citation_path.read_text(encoding="utf-8"))
    site, title = config["html"]["baseurl"].rstrip("/") + "/", config["title"]
    if lang == "zh":
        edition = REPO_ROOT / "locales" / "zh_CN" / "edition.yml"
        record_read(edition)
        site, title = site + "zh/", yaml.safe_load(edition.read_text(encoding="utf-8"))["title"]
    return site, title, str(citation["date-released"])


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


def claim_review(claim, text, page_url: str, settings: tuple[str, str, str], lang: str = "en") -> dict:
    """The schema.org ClaimReview of one claim: what fact-check aggregators and search engines read.

    The English edition reviews the claim as the book renders it in English; the Chinese
    edition reviews the original quote, with the explanation and rating in Chinese.
    """
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
        "claimReviewed": claim.claim_en if lang == "en" else claim.quote_zh,
        "reviewBody": explain(claim._asdict(), lang),
        "reviewRating": {"@type": "Rating", "ratingValue": RATINGS[claim.verdict], "bestRating": max(RATINGS.values()),
                         "worstRating": min(RATINGS.values()), "alternateName": verdict_word(claim.verdict, lang)},
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": title, "url": site},
        "datePublished": published,
        "inLanguage": lang,
    }


def json_ld(data: dict) -> str:
    """A JSON-LD <script> element whose content no string inside can end early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{text}</script>'


def _evidence_html(claim, sources: pd.DataFrame, section: str | None, lang: str) -> str:
    links = []
    source = claim.evidence_source_id if pd.notna(claim.evidence_source_id) else ""
    if source and source != claim.source_id:
        cite = escape(short_cite(source))
        url = source_link(source, sources)
        shown = f'<a href="{escape(url)}">{cite}</a>' if url else cite
        opening, closing = (" (", ")") if lang == "en" else ("（", "）")
        links.append(f'{shown}{opening}<a href="../bibliography.html#cite-{escape(_anchor(source))}">'
                     f'{label("entry", lang)}</a>{closing}')
    elif source:
        links.append(label("own figures", lang))
    if section:
        links.append(f'<a href="../../notebooks/{escape(section)}">{label("how", lang)}</a>')
    colon = ":" if lang == "en" else "："
    return (f'<p class="claim-evidence"><strong>{label("evidence", lang)}{colon}</strong> {" · ".join(links)}</p>'
            if links else "")


def _technical_html(claim, lang: str) -> str:
    """The verdict's parts and note as the data record them (in English, in both editions)."""
    parts = [f"verdict <code>{escape(claim.verdict)}</code>"]
    if pd.notna(claim.basis):
        parts.append(f"basis <code>{escape(claim.basis)}</code>: {escape(BASES[claim.basis])}")
    if pd.notna(claim.reason):
        parts.append(f"reason <code>{escape(claim.reason)}</code>: {escape(REASONS[claim.reason][1])}")
    note = escape(claim.verdict_note) if pd.notna(claim.verdict_note) else ""
    return (f'<details class="claim-technical"><summary>{label("technical", lang)}</summary>'
            f'<p lang="en">{"; ".join(parts)}.</p><p lang="en">{note}</p></details>')


def _explanation_html(text: str) -> str:
    """The explanation with its first words (the verdict and how far off) in bold."""
    for colon in (": ", "："):
        head, found, rest = text.partition(colon)
        if found:
            return f"<strong>{escape(head)}{colon.strip()}</strong> {escape(rest)}"
    return escape(text)


def _locator(locator: str, lang: str) -> str:
    """Where the quote is in its text: '§一 引言 ¶2, line 37' (Chinese: '§一 引言 ¶2，第37行')."""
    if lang == "en":
        return locator
    return re.sub(r",\s*line (\d+)", lambda m: "，" + label("line", lang, n=m.group(1)), locator)


def claim_card_html(claim, sources: pd.DataFrame, section: str | None, review: dict | None,
                    lang: str = "en") -> str:
    """One claim as a card: where it is, the quote, the English (English edition), the stated value,
    the verdict and why, the evidence."""
    cid = escape(claim.claim_id)
    stated = stated_value(claim._asdict(), lang)
    chinese = stated_chinese(claim._asdict()) if lang == "en" else ""
    value = ""
    if stated:
        colon = ":" if lang == "en" else "："
        value = f'<p class="claim-value"><strong>{label("stated", lang)}{colon}</strong> {escape(stated)}'
        value += f' <span lang="zh">({escape(chinese)})</span></p>' if chinese else "</p>"
    english = f'<p class="claim-en">{escape(claim.claim_en)}</p>' if lang == "en" else ""
    return (
        f'<article class="claim-card" id="{cid}" data-verdict="{escape(claim.verdict)}" aria-labelledby="{cid}-title">'
        f'<header class="claim-card-header"><h2 class="claim-card-title" id="{cid}-title">'
        f'<a class="claim-permalink" href="#{cid}" title="{label("permalink", lang)}">{cid}</a></h2>'
        f'<span class="claim-locator">{escape(_locator(claim.locator, lang))}</span> {badge_html(claim.verdict, lang)}</header>'
        f'<blockquote class="claim-quote" lang="zh">{escape(claim.quote_zh)}</blockquote>'
        f'{english}{value}'
        f'<p class="claim-explanation">{_explanation_html(explain(claim._asdict(), lang))}</p>'
        f"{_evidence_html(claim, sources, section, lang)}{_technical_html(claim, lang)}"
        f"{json_ld(review) if review else ''}</article>"
    )


def _filter_html(claims: pd.DataFrame, lang: str) -> str:
    """Buttons that show the cards of one verdict (hidden until the page's script runs: without it they do nothing)."""
    counts = claims["verdict"].value_counts()
    opening, closing = (" (", ")") if lang == "en" else ("（", "）")
    buttons = [f'<button type="button" data-verdict="all" aria-pressed="true">{label("all", lang)}{opening}'
               f"{len(claims)}{closing}</button>"]
    for verdict in VERDICTS:
        if counts.get(verdict):
            _, icon, _ = VERDICT_LABELS[verdict]
            buttons.append(f'<button type="button" data-verdict="{verdict}" aria-pressed="false">'
                           f'<span aria-hidden="true">{icon}</span> {verdict_word(verdict, lang)}'
                           f'{opening}{int(counts[verdict])}{closing}</button>')
    return (f'<div class="claim-filter" role="group" aria-label="{label("filter", lang)}" hidden>'
            f'<span class="claim-filter-label">{label("show", lang)}</span> {"".join(buttons)}</div>')


def claim_cards_html(claims: pd.DataFrame, page_url: str | None = None, lang: str = "en") -> str:
    """The cards of ``claims`` (ledger rows, in reading order), with the verdict filter and a ClaimReview each.

    ``page_url`` is the absolute address of the page that carries the cards; without it
    (a page outside the site) no ClaimReview is written.
    """
    sections = verdict_sections()
    sources = sources_by_id()
    settings = _book_settings(lang) if page_url else None
    cards = []
    for claim in claims.itertuples():
        review = None
        if page_url and claim.verdict in RATINGS:
            review = claim_review(claim, sources.loc[claim.source_id], page_url, settings, lang)
        cards.append(claim_card_html(claim, sources, sections.get(claim.claim_id), review, lang))
    return f'{_filter_html(claims, lang)}<div class="claim-cards">{"".join(cards)}</div>'


def source_record(source_id: str) -> pd.Series:
    return sources_by_id().loc[source_id]


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


def verdict_counts_html(claims: pd.DataFrame, by: str, lang: str = "en") -> str:
    """:func:`verdict_counts` as a table for a page: verdicts as their badge words, categories and
    'all' in the page's language."""
    table = verdict_counts(claims, by)
    words = {v: verdict_word(v, lang) for v in VERDICTS} | {"all": label("all rows", lang)}

    def row_name(key):  # a text's id stays as it is; 'all' and categories are words
        return words.get(key) or (glossary().get(key, key) if lang == "zh" else key)

    table = table.rename(columns=words, index=row_name)
    table.columns.name = label("text" if by == "source_id" else by, lang)
    table.index.name = None
    return table.to_html(classes="verdict-counts")


RECORD_FIELDS = {"en": [("Title", "title"), ("In English", "title_en"), ("Authors", "authors"), ("Venue", "venue"),
                        ("Year", "year"), ("DOI", "doi"), ("File", "file")],
                 "zh": [("标题", "title"), ("作者", "authors"), ("出处", "venue"), ("年份", "year"), ("DOI", "doi"),
                        ("文件", "file")]}


def _record_html(record, claims: pd.DataFrame, lang: str) -> str:
    """The text's bibliographic record and its claims' counts by verdict."""
    items = []
    for name, field in RECORD_FIELDS[lang]:
        value = record[field]
        if pd.isna(value):
            continue
        shown = escape(str(value))
        if field == "authors" and lang == "zh":
            shown = escape(re.sub(r";\s*", "、", str(value)))
        if field == "doi":
            shown = f'<a href="https://doi.org/{escape(str(value))}">{shown}</a>'
        items.append(f"<li><strong>{name}{':' if lang == 'en' else '：'}</strong> {shown}</li>")
    counts = claims["verdict"].value_counts()
    summary = " ".join(f"{badge_html(v, lang)}&nbsp;{int(counts[v])}" for v in VERDICTS if counts.get(v))
    return (f'<ul class="text-record">{"".join(items)}</ul>'
            f'<p class="claim-summary"><strong>{label("claims", lang, n=len(claims))}'
            f"{':' if lang == 'en' else '：'}</strong> {summary}</p>")


def show_source_page(source_id: str) -> None:
    """The body of a source page: bibliographic record, verdict counts, a card per claim in reading order."""
    from IPython.display import HTML, display

    record = source_record(source_id)
    claims = source_claims(source_id)

    def page(lang):
        site = _book_settings(lang)[0]
        return _record_html(record, claims, lang) + claim_cards_html(claims, f"{site}book/sources/{source_id}.html",
                                                                     lang)

    display(HTML(bilingual(page)))


def largest_discrepancies(claims: pd.DataFrame, count: int, lang: str = "en") -> pd.DataFrame:
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
    said = "claim_en" if lang == "en" else "quote_zh"
    table = pd.DataFrame({
        label("claim", lang): ranked["claim_id"],
        label("text says", lang): ranked[said],
        label("stated col", lang): [human_value(r.stated, r.unit, lang) for r in ranked.itertuples()],
        label("checked col", lang): [human_value(r.checked, r.unit, lang) for r in ranked.itertuples()],
        label("why", lang): [explain(r._asdict(), lang) for r in ranked.itertuples()],
    }).reset_index(drop=True)
    table.index += 1
    table.attrs["candidates"] = len(rows)
    return table


def linked_table_html(table: pd.DataFrame, from_folder: str = "book", lang: str = "en") -> str:
    """A table for a page, every cell escaped, its first (claim) column linked to each claim's card."""
    claim_column = table.columns[0]

    def cell(column, value):
        text = "" if pd.isna(value) else str(value)
        if column == claim_column:
            return f'<a href="{escape(card_url(text, from_folder))}">{escape(text)}</a>'
        return escape(text)

    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{cell(c, v)}</td>" for c, v in row.items()) + "</tr>"
                   for _, row in table.iterrows())
    return f'<table class="claims-checked" lang="{lang}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
