"""How the book tells readers what it found: numbers as people write them, short
citations, and one plain sentence per verdict.

Every reader-facing place (the cards of a text's page, the explorer, the
findings at the top of each chapter, the published ledger) goes through here, so
a new claim gets its wording for free and a change of wording is made once.

- :func:`human_value` writes a value in its unit the way a newspaper would
  (175 billion parameters, US$4.6 trillion, 44%, 30 Nov 2022), and
  :func:`chinese_scale` the same figure with the Chinese scale word (1750亿).
- :func:`explain` turns a verdict's structured parts (stated, checked, unit,
  source, basis, reason, kind, finding; see :mod:`claimcheck.verdicts`) into one
  or two sentences, through one template per kind of check in :data:`HEADLINES`
  and :data:`BODIES`.  Nothing is typed per claim.

The templates are plain ``str.format`` strings in two dictionaries, so that an
edition in another language can supply its own.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from claimcheck.dates import parse_iso, precision

# -- Verdicts as readers see them ----------------------------------------------------------------

# verdict -> (the word a reader sees, an icon, the badge colour).  Colour is never the only
# signal: the word and the icon say the same.  White text on each colour has a contrast
# ratio above 4.5 (WCAG AA).
VERDICT_LABELS = {
    "reproduced": ("Correct", "✓", "#2e7d32"),
    "discrepant": ("Wrong", "✗", "#c62828"),
    "unsupported": ("Unsupported", "?", "#8a5300"),
    "unverifiable": ("Cannot be checked", "–", "#546170"),
    "unchecked": ("Not yet checked", "…", "#616161"),
}


def verdict_word(verdict: str) -> str:
    return VERDICT_LABELS[verdict][0]


def badge_html(verdict: str) -> str:
    """A verdict badge: its colour, an icon and a word (colour alone fails colour-blind readers)."""
    word, icon, colour = VERDICT_LABELS[verdict]
    return (f'<span class="verdict-badge verdict-{verdict}" title="verdict: {verdict}" '
            f'style="background:{colour};color:#fff;border-radius:0.3em;padding:0.05em 0.45em;'
            f'white-space:nowrap;font-weight:600"><span aria-hidden="true">{icon}</span> {word}</span>')


# -- Numbers as people write them ------------------------------------------------------------------

_SCALE_WORDS = [(1e18, "quintillion"), (1e15, "quadrillion"), (1e12, "trillion"), (1e9, "billion"),
                (1e6, "million")]
_SI_PREFIXES = [(1e24, "Y"), (1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"),
                (1e3, "k")]
_CHINESE_SCALES = [(1e16, "亿亿"), (1e12, "万亿"), (1e8, "亿"), (1e4, "万")]
# unit -> (singular, plural) written after the number
_COUNTED = {
    "parameters": ("parameter", "parameters"), "persons": ("person", "people"), "items": ("item", "items"),
    "companies": ("company", "companies"), "institutions": ("institution", "institutions"),
    "images": ("image", "images"), "papers": ("paper", "papers"), "tokens": ("token", "tokens"),
    "words": ("word", "words"), "points": ("point", "points"), "pixels": ("pixel", "pixels"),
    "years": ("year", "years"), "months": ("month", "months"), "weeks": ("week", "weeks"),
    "days": ("day", "days"), "hours": ("hour", "hours"), "minutes": ("minute", "minutes"),
    "seconds": ("second", "seconds"), "percentage_points": ("percentage point", "percentage points"),
    "factor": ("time", "times"),
}
_SYMBOLS = {"mm": "mm", "km": "km", "km2": "km²", "lbs_CO2e": "lb CO₂e", "t_CO2e": "t CO₂e"}
_CURRENCIES = {"USD": "US$", "CNY": "CN¥", "EUR": "€"}
# Units whose numbers are labels, not quantities: no thousands separator, no scale word.
_PLAIN = ("year", "date", "rank", "other", "count")


def significant(value: float, digits: int = 4, grouped: bool = True) -> str:
    """``value`` to at most ``digits`` significant digits, trailing zeros dropped (1.2, 129.9, 1,750).

    Whole numbers below 10**digits are written in full (626,155 stays 626,155).
    """
    if value == 0:
        return "0"
    decimals = max(digits - 1 - math.floor(math.log10(abs(value))), 0)
    text = f"{round(value, decimals):{',' if grouped else ''}.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def human_number(value: float) -> str:
    """A number in words a reader uses: 175 billion, 1.29 million, 626,155, 0.44."""
    for size, word in _SCALE_WORDS:
        if abs(value) >= size:
            return f"{significant(value / size)} {word}"
    return significant(value)


def ordinal(value: float) -> str:
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def human_date(text) -> str:
    """An ISO date as precise as it is: 2022-11-30 -> 30 Nov 2022, 2022-11 -> Nov 2022, 2022 -> 2022."""
    parts = parse_iso(text)
    if parts is None:
        return str(text)
    year, month, day = parts
    if month is None:
        return str(year)
    shown = dt.date(year, month, day or 1)
    return shown.strftime("%b %Y") if day is None else f"{day} {shown.strftime('%b %Y')}"


def human_value(value: float, unit: str) -> str:
    """One value in its unit, as people write it: 175 billion parameters, US$4.6 trillion, 44%, 2nd."""
    if value is None or pd.isna(value):
        return "—"
    value = float(value)
    if unit == "share":
        return f"{significant(value * 100, 3)}%"
    if unit == "rank":
        return ordinal(value)
    if unit == "factor" and 0 < value < 1 and abs(1 / value - round(1 / value)) < 1e-3 * (1 / value):
        return f"1/{round(1 / value)}"  # 七分之一: one seventh
    if unit in _PLAIN:
        return significant(value, 6, grouped=unit in ("count", "other") and abs(value) >= 10_000)
    if unit in _CURRENCIES:
        return f"{_CURRENCIES[unit]}{human_number(value)}"
    if unit in ("bytes", "FLOP/s"):
        symbol = "B" if unit == "bytes" else "FLOP/s"
        for size, prefix in _SI_PREFIXES:
            if abs(value) >= size:
                return f"{significant(value / size)} {prefix}{symbol}"
        return f"{significant(value)} {'bytes' if unit == 'bytes' else symbol}"
    number = human_number(value * 100 if unit == "percentage_points" else value)
    if unit in _COUNTED:
        singular, plural = _COUNTED[unit]
        return f"{number} {singular if number == '1' else plural}"
    return f"{number} {_SYMBOLS.get(unit, unit)}".strip()


def chinese_scale(value: float) -> str:
    """The figure with a Chinese scale word, as the texts write it: 1750亿, 4.6万亿, 20万 ('' below 10,000)."""
    if value is None or pd.isna(value):
        return ""
    for size, word in _CHINESE_SCALES:
        if abs(value) >= size:
            return f"{significant(value / size, grouped=False)}{word}"
    return ""


def stated_value(claim) -> str:
    """What a claim states, as people write it: the value (or range) in its unit, or the date it gives."""
    unit = claim["unit"]
    if unit == "date":
        return human_date(claim["value_text"]) if parse_iso(claim["value_text"]) else ""
    if pd.isna(claim["value"]):
        return ""
    shown = human_value(claim["value"], unit)
    if pd.notna(claim["value_high"]):
        high = human_value(claim["value_high"], unit)
        low, _, words = shown.partition(" ")
        # "1 to 2 images", not "1 image to 2 images"
        same_unit = words and (high.endswith(" " + words) or unit in _COUNTED and words == _COUNTED[unit][0])
        shown = f"{low if same_unit else shown} to {high}"
    return shown


def stated_chinese(claim) -> str:
    """The stated figure with its Chinese scale word (1750亿), where the figure is large enough to have one."""
    if claim["unit"] in ("date", "year", "rank", "share") or pd.isna(claim["value"]):
        return ""
    if claim["unit"] == "percentage_points":
        return ""
    low, high = chinese_scale(claim["value"]), chinese_scale(claim["value_high"])
    return f"{low}–{high}" if low and high else low


# -- Citations -------------------------------------------------------------------------------------

# Words that mark an organisation, not a person, in a sources.csv authors field.
_ORGANISATION = re.compile(r"\b(of|the|and|Lab|Laboratory|University|Ministry|Administration|Institute|Cent(er|re)|"
                           r"Academy|Office|Council|Research|Games|News|Inc\.?|AI|Group|Board|Court|Library|"
                           r"Commission|Parliament|Contributors)\b|,", flags=re.I)


def _surname(name: str) -> str:
    """A person's surname ('Emma Strubell' -> 'Strubell'); an organisation, or a name in Chinese, whole."""
    words = name.split()
    is_person = 2 <= len(words) <= 4 and all(w[0].isupper() for w in words) and not _ORGANISATION.search(name)
    return words[-1] if is_person else name


def cite_of(authors, year, title) -> str:
    """An author-year citation from a sources.csv row: 'Strubell et al. 2019', 'Huang and Grady 2022',
    'Epoch AI 2024', 'Nitasha Tiku 2022'; a source without an author is cited by its title."""
    year = "" if year is None or pd.isna(year) else str(int(year))
    if authors is None or pd.isna(authors) or not str(authors).strip():
        return f"{str(title).split(':')[0].strip()} {year}".strip()
    names = re.sub(r"\s*\([^)]*\)", "", str(authors)).strip()
    if "et al." in names:
        return f"{_surname(names.split('et al.')[0].strip())} et al. {year}".strip()
    people = [n.strip() for n in names.split(";") if n.strip()]
    if len(people) == 1:  # one author, person or organisation: named in full ('Nitasha Tiku', 'CB Insights')
        return f"{people[0]} {year}".strip()
    people = [_surname(n) for n in people]
    who = f"{people[0]} and {people[1]}" if len(people) == 2 else f"{people[0]} et al."
    return f"{who} {year}".strip()


def short_cite(source_id: str) -> str:
    """How the book cites a source in a sentence ('Epoch AI 2024', 'Strubell et al. 2019'), from sources.csv."""
    from claimcheck.tables import load_table

    sources = load_table("sources").set_index("source_id")
    if source_id not in sources.index:
        return source_id
    row = sources.loc[source_id]
    return cite_of(row["authors"], row["year"], row["title_en"])


# -- One plain sentence per verdict ---------------------------------------------------------------

# The first words of an explanation, by verdict or (verdict, reason).  {by} is how far
# a wrong figure is off (" by a factor of 1,400", " by 29%"), {off} how far a date is.
HEADLINES = {
    "reproduced": "Correct",
    ("discrepant", "wrong-value"): "Wrong{by}",
    ("discrepant", "wrong-date"): "Wrong date{off}",
    ("discrepant", "wrong-unit"): "Wrong unit",
    ("discrepant", "misattributed"): "Misattributed",
    ("discrepant", "outdated"): "Out of date",
    ("discrepant", "contradicts-same-text"): "Contradicts the text's own figures",
    ("discrepant", "earlier-case"): "Not the first",
    "unsupported": "Unsupported",
    "unverifiable": "Cannot be checked",
    "unchecked": "Not yet checked",
}

# The rest of the explanation, by the kind of check.  {says} is the text's figure in its
# wording ("more than 129 million"), {checked} the evidence's, as people write them;
# {cite} is the evidence's short citation, {finding} what the evidence says in words.
BODIES = {
    "arithmetic": "the text says {says}; its own figures ({against}) give {checked}.",
    "figure": "the text says {says}; {cite} gives {checked}.",
    "rank": "the text says it ranks {says}; {cite} puts it {checked}.",
    "date": "the text says {says}; {cite} dates it {checked}.",
    "earlier-case": "{cite} records an earlier case.",
    "wrong-unit": "the text says {says}; {cite} gives the same number in another unit.",
    "misattributed": "the text says {says}.",
    "unchecked": "no chapter has judged this claim yet.",
    "unsettled": "nothing public settles it.",
}
_SAYS = {"figure": "{stated}", "more than": "more than {stated}", "at least": "at least {stated}",
         "less than": "less than {stated}", "order": "of the order of {stated}", "date": "{stated}"}


def _sentence(text: str) -> str:
    """``text`` with a capital first letter and a full stop."""
    text = text.strip()
    if not text:
        return ""
    finished = text[-1] in ".!?" or text.endswith(('."', ".'", ".)"))
    return text[0].upper() + text[1:] + ("" if finished else ".")


def _off_by(record) -> str:
    """' by a factor of 1,400' or ' by 29%': how far a wrong figure is from the evidence.

    Said only of quantities compared as equals: not of a bound ("more than"), a range,
    a date, a rank or a label (the 55th report).
    """
    stated, checked = record["stated"], record["checked"]
    if (record["kind"] not in ("figure", None) or record["unit"] in _PLAIN or record.get("value_high") is not None
            or pd.isna(stated) or pd.isna(checked) or stated == 0 or checked == 0 or (stated > 0) != (checked > 0)):
        return ""
    factor = max(stated / checked, checked / stated)
    if factor >= 2:
        return f" by a factor of {human_number(float(f'{factor:.2g}'))}"
    return f" by {significant(abs(stated - checked) / abs(checked) * 100, 2)}%"


def _date_gap(record) -> str:
    """' by 2 months': how far a wrong date is, at the precision it was compared."""
    stated, checked = record["stated"], record["checked"]
    if pd.isna(stated) or pd.isna(checked):
        return ""
    unit = "year"
    if record["kind"] == "date":
        levels = [precision(p) for p in (parse_iso(record["value_text"]), parse_iso(record["checked_date"])) if p]
        unit = {1: "year", 2: "month", 3: "day"}[min(levels)] if levels else unit
    gap = int(abs(round(stated - checked)))
    return f" by {gap} {unit}{'' if gap == 1 else 's'}" if gap else ""


def _says(record) -> str:
    """The text's figure as it words it: 'more than 129 million', '2019', 'Nov 2022'."""
    if record["unit"] in ("date", "year") or pd.isna(record["stated"]) or pd.notna(record.get("value_high")):
        shown = stated_value(record)
    else:
        shown = human_value(record["stated"], record["unit"])
    return _SAYS.get(record["kind"] or "figure", "{stated}").format(stated=shown)


def _checked(record) -> str:
    if record["kind"] == "date":
        return human_date(record["checked_date"])
    return human_value(record["checked"], record["unit"])


def explain(record) -> str:
    """One or two plain sentences on a verdict: what the text says, what the evidence says, the verdict.

    ``record`` is one row of the ledger (:func:`claimcheck.results.load_ledger`): the claim's
    fields with its verdict's parts.  The wording comes from :data:`HEADLINES` and
    :data:`BODIES`; nothing is written per claim.
    """
    def missing(value):
        return value is None or (isinstance(value, str) and not value.strip()) or (pd.api.types.is_scalar(value)
                                                                                and pd.isna(value))

    record = {key: None if missing(value) else value for key, value in dict(record).items()}
    record.setdefault("kind", None)

    def text(key):
        return "" if record.get(key) is None else str(record[key]).strip()

    verdict, reason, finding = record["verdict"], text("reason"), text("finding")
    headline = HEADLINES.get((verdict, reason), HEADLINES.get(verdict, verdict))
    if verdict in ("unsupported", "unverifiable", "unchecked"):
        body = finding or BODIES["unchecked" if verdict == "unchecked" else "unsettled"]
        return f"{headline}: {_sentence(body)}"
    headline = headline.format(by=_off_by(record), off=_date_gap(record))

    source = text("evidence_source_id")
    cite = short_cite(source) if source else "the evidence"
    if text("basis") == "arithmetic":
        body = BODIES["arithmetic"]
    elif reason == "earlier-case":
        body = finding + f" ({cite})" if finding else BODIES["earlier-case"]
        finding = ""
    elif reason == "wrong-unit":
        body = BODIES["wrong-unit"]
    elif reason == "misattributed" and text("against") != source:
        # the checked figure is not the cited source's: say what the figure really is, and where from
        body = BODIES["misattributed"]
        finding = f"{finding.rstrip('.')} ({cite})" if finding else ""
    elif record["kind"] == "date":
        body = BODIES["date"]
    elif record["unit"] == "rank":
        body = BODIES["rank"]
    else:
        body = BODIES["figure"]
    sentence = _sentence(f"{headline}: " + body.format(says=_says(record), checked=_checked(record), cite=cite,
                                                       against=text("against")))
    return f"{sentence} {_sentence(finding)}".strip() if finding else sentence


# -- Tables for readers ---------------------------------------------------------------------------

def card_url(claim_id: str, from_folder: str = "notebooks") -> str:
    """The permalink of a claim's card, relative to a page in ``from_folder`` (notebooks, book or book/sources)."""
    up = {"notebooks": "../book/sources/", "book": "sources/", "book/sources": ""}[from_folder]
    return f"{up}{claim_id.split('-')[0]}.html#{claim_id}"


def with_claims(results: pd.DataFrame, data_dir=None) -> pd.DataFrame:
    """A claims-checked table joined to the claims it judges: what :func:`explain` reads.

    The results' ``source_id`` (the evidence) becomes ``evidence_source_id``, as in the ledger.
    """
    from claimcheck.tables import DATA_DIR, load_table

    claims = load_table("claims", DATA_DIR if data_dir is None else data_dir)
    judged = results.rename(columns={"source_id": "evidence_source_id", "verdict_note": "note"})
    judged = judged[[c for c in judged.columns if c not in claims.columns or c == "claim_id"]]
    return judged.merge(claims, on="claim_id", how="left", validate="one_to_one")


def _ranked(records: pd.DataFrame) -> pd.DataFrame:
    """Discrepant claims, the furthest from their evidence first (by the factor between the two figures)."""
    wrong = records[records["verdict"] == "discrepant"].copy()

    def factor(row):
        s, c = row["stated"], row["checked"]
        if row.get("kind") == "date" or pd.isna(s) or pd.isna(c) or s <= 0 or c <= 0 or row["unit"] in ("year", "rank"):
            return 0.0
        return max(s / c, c / s)

    wrong["factor"] = wrong.apply(factor, axis=1) if len(wrong) else []
    return wrong.sort_values(["factor", "claim_id"], ascending=[False, True])


class Findings:
    """What a chapter found, for the top of its page: counts by verdict, then the largest discrepancies.

    Shows as HTML (badges, explanations, links to each claim's card) in the book and in
    Jupyter, and as plain text where only text is compared (nbval).
    """

    def __init__(self, records: pd.DataFrame, shown: int = 5):
        self.records = records
        self.counts = records["verdict"].value_counts()
        self.top = _ranked(records).head(shown)
        self.explanations = {row["claim_id"]: explain(row) for _, row in self.top.iterrows()}

    def _count_words(self) -> list[tuple[str, int]]:
        return [(v, int(self.counts[v])) for v in VERDICT_LABELS if self.counts.get(v)]

    def __repr__(self) -> str:
        lines = [f"{len(self.records)} claims checked: "
                 + ", ".join(f"{n} {verdict_word(v).lower()}" for v, n in self._count_words())]
        if len(self.top):
            lines.append("Largest discrepancies:")
            lines += [f"  {claim_id}: {text}" for claim_id, text in self.explanations.items()]
        else:
            lines.append("No claim in this chapter is wrong.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        counts = " ".join(f"{badge_html(v)}&nbsp;{n}" for v, n in self._count_words())
        parts = [f'<p class="chapter-findings-counts"><strong>{len(self.records)} claims checked:</strong> {counts}</p>']
        if len(self.top):
            rows = "".join(
                f'<tr><td><a href="{escape(card_url(row["claim_id"]))}">{escape(row["claim_id"])}</a></td>'
                f'<td>{escape(str(row["claim_en"]))}</td><td>{badge_html(row["verdict"])}</td>'
                f'<td>{escape(self.explanations[row["claim_id"]])}</td></tr>'
                for _, row in self.top.iterrows())
            parts.append('<table class="chapter-findings"><caption>The largest discrepancies</caption><thead><tr>'
                         '<th scope="col">claim</th><th scope="col">what the text says</th>'
                         '<th scope="col">verdict</th><th scope="col">why</th></tr></thead>'
                         f"<tbody>{rows}</tbody></table>")
        else:
            parts.append("<p>No claim in this chapter is wrong.</p>")
        return "\n".join(parts)


def chapter_findings(*results: pd.DataFrame) -> Findings:
    """The findings of a chapter from its claims-checked tables (every table it published)."""
    return Findings(with_claims(pd.concat(results, ignore_index=True)))


def verdicts_html(results: pd.DataFrame) -> str:
    """A claims-checked table for readers: claim (linked to its card), badge, and the plain explanation."""
    from html import escape

    rows = []
    for _, row in with_claims(results).iterrows():
        rows.append(f'<tr><td><a href="{escape(card_url(row["claim_id"]))}">{escape(row["claim_id"])}</a></td>'
                    f'<td>{badge_html(row["verdict"])}</td><td>{escape(explain(row))}</td></tr>')
    return ('<table class="claims-checked"><thead><tr><th scope="col">claim</th><th scope="col">verdict</th>'
            f'<th scope="col">why</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
