"""How the book tells readers what it found: numbers as people write them, short
citations, and one plain sentence per verdict, in English and in Chinese.

Every reader-facing place (the cards of a text's page, the explorer, the
findings at the top of each chapter, the published ledger) goes through here, so
a new claim gets its wording for free and a change of wording is made once.

- :func:`human_value` writes a value in its unit the way a newspaper would
  (175 billion parameters, US$4.6 trillion, 44%, 30 Nov 2022; 1750亿参数,
  4.6万亿美元, 2022年11月30日), and :func:`chinese_scale` the figure with its
  Chinese scale word (1750亿).
- :func:`explain` turns a verdict's structured parts (stated, checked, unit,
  source, basis, reason, kind, finding; see :mod:`claimcheck.verdicts`) into one
  or two sentences, through one template per kind of check (:mod:`claimcheck.wording`
  holds them, for each language).  Nothing is typed per claim.
- :func:`bilingual` wraps one output's HTML in both languages: the English shows
  as is (in Jupyter too); the Chinese waits, inert, in a ``<template>`` that the
  Chinese edition's build unwraps (book/_ext/language_editions.py keeps one
  language per page).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from claimcheck.dates import parse_iso, precision
from claimcheck.wording import BODIES, DATE_UNITS, HEADLINES, OFF_BY, REASON_MEANINGS_ZH, SAYS, label, term

# -- Verdicts as readers see them ----------------------------------------------------------------

# verdict -> (the word a reader sees, an icon, the badge colour).  Colour is never the only
# signal: the word and the icon say the same.  White text on each colour has a contrast
# ratio above 4.5 (WCAG AA).  The words are glossary terms (Chinese in claimcheck/glossary.csv).
VERDICT_LABELS = {
    "reproduced": ("Correct", "✓", "#2e7d32"),
    "discrepant": ("Wrong", "✗", "#c62828"),
    "unsupported": ("Unsupported", "?", "#8a5300"),
    "unverifiable": ("Cannot be checked", "–", "#546170"),
    "unchecked": ("Not yet checked", "…", "#616161"),
}


def verdict_word(verdict: str, lang: str = "en") -> str:
    return term(VERDICT_LABELS[verdict][0], lang)


def badge_html(verdict: str, lang: str = "en") -> str:
    """A verdict badge: its colour, an icon and a word (colour alone fails colour-blind readers)."""
    _, icon, colour = VERDICT_LABELS[verdict]
    return (f'<span class="verdict-badge verdict-{verdict}" title="{term(verdict, lang)}" '
            f'style="background:{colour};color:#fff;border-radius:0.3em;padding:0.05em 0.45em;'
            f'white-space:nowrap;font-weight:600"><span aria-hidden="true">{icon}</span> '
            f'{verdict_word(verdict, lang)}</span>')


def bilingual(render) -> str:
    """One output's HTML in both languages: ``render(lang)`` for "en", shown as is, then for "zh"
    inside an inert ``<template>``; each edition's build keeps its own (book/_ext/language_editions.py)."""
    return f'<!--lang:en-->{render("en")}<!--/lang:en--><template data-lang="zh">{render("zh")}</template>'


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
# The Chinese edition: unit words after the number (1750亿参数, 292家), currencies after it (4.6万亿美元).
_ZH_UNITS = {
    "parameters": "参数", "persons": "人", "items": "个", "companies": "家", "institutions": "家", "images": "张",
    "papers": "篇", "tokens": "个词元", "words": "字", "points": "分", "pixels": "像素", "years": "年",
    "months": "个月", "weeks": "周", "days": "天", "hours": "小时", "minutes": "分钟", "seconds": "秒",
    "percentage_points": "个百分点", "factor": "倍", "mm": "毫米", "km": "公里", "km2": "平方公里",
    "lbs_CO2e": "磅二氧化碳当量", "t_CO2e": "吨二氧化碳当量", "USD": "美元", "CNY": "元", "EUR": "欧元",
}


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


def human_date(text, lang: str = "en") -> str:
    """An ISO date as precise as it is: 2022-11-30 -> 30 Nov 2022 (2022年11月30日), 2022-11 -> Nov 2022
    (2022年11月), 2022 -> 2022 (2022年)."""
    parts = parse_iso(text)
    if parts is None:
        return str(text)
    year, month, day = parts
    if lang == "zh":
        return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    if month is None:
        return str(year)
    shown = dt.date(year, month, day or 1)
    return shown.strftime("%b %Y") if day is None else f"{day} {shown.strftime('%b %Y')}"


_ZH_DIGITS = "〇一二三四五六七八九十"
# Orders of magnitude as Chinese names them (千亿级, 十万量级).
_ZH_MAGNITUDES = {10.0 ** k: word for k, word in enumerate(
    ["一", "十", "百", "千", "万", "十万", "百万", "千万", "亿", "十亿", "百亿", "千亿", "万亿", "十万亿", "百万亿", "千万亿"])}


def _zh_number(value: float) -> str:
    """A number as Chinese writes it: with its scale word from 10,000 up (1750亿, 62.62万), else plainly."""
    return chinese_scale(value) or significant(value, grouped=False)


def _human_value_zh(value: float, unit: str) -> str:
    if unit == "rank":
        return f"第{_ZH_DIGITS[int(value)] if int(value) <= 10 else int(value)}"  # 第一, 第十, 第12
    if unit == "year":
        return f"{int(value)}年"
    if unit == "date" and 1000 <= value <= 3000 and value == int(value):
        return f"{int(value)}年"  # a date compared to the year
    if unit == "count":
        return _zh_number(value)  # 1万, not 10000
    if unit in ("other", "date"):
        return significant(value, 6, grouped=False)
    if unit in ("bytes", "FLOP/s"):
        return human_value(value, unit).replace(" ", "")  # the SI prefixes read the same: 5GB
    if unit == "factor" and 0 < value < 1 and abs(1 / value - round(1 / value)) < 1e-3 * (1 / value):
        n = round(1 / value)
        return f"{_ZH_DIGITS[n] if n <= 10 else n}分之一"  # 七分之一
    number = _zh_number(value * 100 if unit == "percentage_points" else value)
    return f"{number}{_ZH_UNITS.get(unit, unit)}"


def human_value(value: float, unit: str, lang: str = "en") -> str:
    """One value in its unit, as people write it: 175 billion parameters, US$4.6 trillion, 44%, 2nd
    (1750亿参数, 4.6万亿美元, 44%, 第2)."""
    if value is None or pd.isna(value):
        return "—"
    value = float(value)
    if unit == "share":
        return f"{significant(value * 100, 3, grouped=lang == 'en')}%"
    if lang == "zh":
        return _human_value_zh(value, unit)
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


def stated_value(claim, lang: str = "en") -> str:
    """What a claim states, as people write it: the value (or range) in its unit, or the date it gives."""
    unit = claim["unit"]
    if unit == "date":
        return human_date(claim["value_text"], lang) if parse_iso(claim["value_text"]) else ""
    if pd.isna(claim["value"]):
        return ""
    shown = human_value(claim["value"], unit, lang)
    if pd.notna(claim["value_high"]) and lang == "zh":
        high = human_value(claim["value_high"], unit, lang)
        unit_word = _ZH_UNITS.get(unit, "")
        low = shown.removesuffix(unit_word) if unit_word and high.endswith(unit_word) else shown  # 1至2张
        return label("range", lang, low=low, high=high)
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


def cite_of(authors, year, title, lang: str = "en") -> str:
    """An author-year citation from a sources.csv row: 'Strubell et al. 2019', 'Huang and Grady 2022',
    'Epoch AI 2024', 'Nitasha Tiku 2022' (Chinese: 'Strubell等（2019）', 'Huang、Grady（2022）'); a
    source without an author is cited by its title."""
    year = "" if year is None or pd.isna(year) else str(int(year))
    if authors is None or pd.isna(authors) or not str(authors).strip():
        who = str(title).split(":")[0].strip()
    else:
        names = re.sub(r"\s*(\([^)]*\)|（[^）]*）)", "", str(authors)).strip()  # asides, either width
        people = [n.strip() for n in names.split(";") if n.strip()]
        if "et al." in names:
            people = [_surname(names.split("et al.")[0].strip()), "…", "…"]
        elif len(people) > 1:
            people = [_surname(n) for n in people]
        # one author, person or organisation, is named in full ('Nitasha Tiku', 'CB Insights')
        if lang == "zh":
            who = people[0] if len(people) == 1 else "、".join(people) if len(people) == 2 else f"{people[0]}等"
        else:
            who = (people[0] if len(people) == 1 else f"{people[0]} and {people[1]}" if len(people) == 2
                   else f"{people[0]} et al.")
    if lang == "zh":
        return f"{who}（{year}）" if year else who
    return f"{who} {year}".strip()


def sources_by_id() -> pd.DataFrame:
    """sources.csv indexed by source_id, read once per content of the file (a page cites
    hundreds of sources).  Shared between callers: read it, do not change it."""
    return _sources_with_digest(_sources_digest())


def _sources_digest() -> str:
    from claimcheck.execution import file_digest
    from claimcheck.tables import DATA_DIR, resource

    return file_digest(DATA_DIR / resource("sources")["path"])


@lru_cache(maxsize=2)  # keyed on the file's digest, so an edited sources.csv is read again
def _sources_with_digest(digest: str) -> pd.DataFrame:
    from claimcheck.tables import load_table

    return load_table("sources").set_index("source_id")


def short_cite(source_id: str, lang: str = "en") -> str:
    """How the book cites a source in a sentence ('Epoch AI 2024', 'Strubell et al. 2019'), from sources.csv."""
    return _short_cites(_sources_digest(), lang).get(source_id, source_id)


@lru_cache(maxsize=4)  # every source's citation at once: the ledger's pages cite them hundreds of times
def _short_cites(digest: str, lang: str) -> dict[str, str]:
    cites = {}
    for source_id, row in _sources_with_digest(digest).iterrows():
        # a Chinese organisation is cited by its Chinese name in the Chinese edition
        authors = row["authors_zh"] if lang == "zh" and pd.notna(row.get("authors_zh")) else row["authors"]
        cites[source_id] = cite_of(authors, row["year"], row["title_en"], lang)
    return cites


# -- One plain sentence per verdict ---------------------------------------------------------------

def _sentence(text: str) -> str:
    """``text`` with a capital first letter and a full stop (Chinese: with 。)."""
    text = text.strip()
    if not text:
        return ""
    if re.search(r"[\u4e00-\u9fff]", text[-3:]) or text[-1] in "。）":
        return text if text[-1] in "。！？" else text + "。"
    finished = text[-1] in ".!?" or text.endswith(('."', ".'", ".)"))
    return text[0].upper() + text[1:] + ("" if finished else ".")


def _off_by(record, lang: str) -> str:
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
        rounded = float(f"{factor:.2g}")
        if lang == "zh":  # directional: 为实际数字的2.4倍, 仅为实际数字的二分之一
            small = rounded == int(rounded) and rounded <= 10
            n = _ZH_DIGITS[int(rounded)] if small and stated < checked else _zh_number(rounded)
            return OFF_BY[lang]["factor" if stated > checked else "fraction"].format(n=n)
        return OFF_BY[lang]["factor"].format(n=human_number(rounded))
    return OFF_BY[lang]["percent"].format(n=significant(abs(stated - checked) / abs(checked) * 100, 2))


def _date_gap(record, lang: str) -> str:
    """' by 2 months': how far a wrong date is, at the precision it was compared."""
    stated, checked = record["stated"], record["checked"]
    if pd.isna(stated) or pd.isna(checked):
        return ""
    unit = "year"
    if record["kind"] == "date":
        levels = [precision(p) for p in (parse_iso(record["value_text"]), parse_iso(record["checked_date"])) if p]
        unit = {1: "year", 2: "month", 3: "day"}[min(levels)] if levels else unit
    gap = int(abs(round(stated - checked)))
    if not gap:
        return ""
    return OFF_BY[lang]["dates"].format(n=gap, unit=DATE_UNITS[lang][unit], plural="" if gap == 1 else "s")


# The wording of a claim's figure as the text itself gives it (几乎五倍, 超过20万): quoted in the Chinese edition.
_CHINESE_WORDING = re.compile(r"^[\u4e00-\u9fff0-9.,，%万亿千百十~～]+$")


def _says(record, lang: str) -> str:
    """The text's figure as it words it: 'more than 129 million', '2019', 'Nov 2022' (Chinese: the text's
    own words where it gives them, “几乎五倍”)."""
    wording = record.get("value_text") or ""
    if (lang == "zh" and _CHINESE_WORDING.match(wording) and re.search(r"[\u4e00-\u9fff]", wording)
            and record["unit"] not in ("rank", "date", "year")):
        return f"“{wording}”"
    if record["unit"] == "factor" and record["stated"] == 1 and record["kind"] in ("more than", "at least"):
        return {"en": "more than the other (a factor above 1)", "zh": "大于对方（倍数大于1）"}[lang]
    if record["unit"] in ("date", "year") or pd.isna(record["stated"]) or pd.notna(record.get("value_high")):
        shown = stated_value(record, lang)
    else:
        shown = human_value(record["stated"], record["unit"], lang)
    if lang == "zh" and record["kind"] == "order" and _ZH_MAGNITUDES.get(record["stated"]):
        return f"在{_ZH_MAGNITUDES[record['stated']]}{_ZH_UNITS.get(record['unit'], '')}量级"  # 千亿参数量级
    if lang == "zh" and record["unit"] == "count":
        shown = f"数量为{shown}"
    return SAYS[lang].get(record["kind"] or "figure", "{stated}").format(stated=shown)


def _checked(record, lang: str) -> str:
    if record["kind"] == "date":
        return human_date(record["checked_date"], lang)
    return human_value(record["checked"], record["unit"], lang)


def explain(record, lang: str = "en") -> str:
    """One or two plain sentences on a verdict: what the text says, what the evidence says, the verdict.

    ``record`` is one row of the ledger (:func:`claimcheck.results.load_ledger`): the claim's
    fields with its verdict's parts.  The wording comes from the templates of
    :mod:`claimcheck.wording` for ``lang``; nothing is written per claim.  The English adds
    the evidence's own words (the verdict's finding); the Chinese says the same through
    its templates, since the findings are the research's English.
    """
    def missing(value):
        return value is None or (isinstance(value, str) and not value.strip()) or (pd.api.types.is_scalar(value)
                                                                                and pd.isna(value))

    record = {key: None if missing(value) else value for key, value in dict(record).items()}
    record.setdefault("kind", None)

    def text(key):
        return "" if record.get(key) is None else str(record[key]).strip()

    verdict, reason = record["verdict"], text("reason")
    finding = text("finding") if lang == "en" else ""
    headlines, bodies = HEADLINES[lang], BODIES[lang]
    colon = ": " if lang == "en" else "："
    headline = headlines.get((verdict, reason), headlines.get(verdict, verdict))
    if verdict in ("unsupported", "unverifiable", "unchecked"):
        if lang == "zh":
            body = bodies["unchecked"] if verdict == "unchecked" else bodies["unsettled"].format(
                meaning=REASON_MEANINGS_ZH.get(reason, term(verdict, lang)))
        else:
            body = finding or bodies["unchecked" if verdict == "unchecked" else "unsettled"]
        return f"{headline}{colon}{_sentence(body)}"
    headline = headline.format(by=_off_by(record, lang), off=_date_gap(record, lang))

    source = text("evidence_source_id")
    cite = short_cite(source, lang) if source else {"en": "the evidence", "zh": "证据"}[lang]
    if text("basis") == "arithmetic" and text("against") == "items the text lists" and "list" in bodies:
        body = bodies["list"]  # 原文称有3项，实际列出2项
    elif text("basis") == "arithmetic":
        body = bodies["arithmetic"]
    elif reason == "earlier-case":
        body = finding + f" ({cite})" if finding else bodies["earlier-case"]
        finding = ""
    elif reason == "wrong-unit":
        body = bodies["wrong-unit"]
    elif reason == "misattributed" and (lang == "zh" or text("against") != source):
        # the checked figure is not the cited source's: say what the figure really is, and where from
        body = bodies["misattributed"]
        finding = f"{finding.rstrip('.')} ({cite})" if finding else ""
    elif reason == "outdated" and lang == "zh":
        body = bodies["outdated"]
    elif record["kind"] == "date":
        body = bodies["date"]
    elif record["unit"] == "rank":
        body = bodies["rank"]
    else:
        body = bodies["figure"]
    stated_number = significant(record["stated"], 6, grouped=False) if record["stated"] is not None else ""
    sentence = _sentence(headline + colon + body.format(says=_says(record, lang), checked=_checked(record, lang),
                                                        cite=cite, against=text("against"), stated_number=stated_number))
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

    Shows as HTML (badges, explanations, links to each claim's card; both languages, see
    :func:`bilingual`) in the book and in Jupyter, and as plain English text where only
    text is compared (nbval).
    """

    def __init__(self, records: pd.DataFrame, shown: int = 5):
        self.records = records
        self.counts = records["verdict"].value_counts()
        self.top = _ranked(records).head(shown)

    def _count_words(self) -> list[tuple[str, int]]:
        return [(v, int(self.counts[v])) for v in VERDICT_LABELS if self.counts.get(v)]

    def __repr__(self) -> str:
        lines = [f"{len(self.records)} claims checked: "
                 + ", ".join(f"{n} {verdict_word(v).lower()}" for v, n in self._count_words())]
        if len(self.top):
            lines.append("Largest discrepancies:")
            lines += [f"  {row['claim_id']}: {explain(row)}" for _, row in self.top.iterrows()]
        else:
            lines.append("No claim in this chapter is wrong.")
        return "\n".join(lines)

    def html(self, lang: str) -> str:
        from html import escape

        counts = " ".join(f"{badge_html(v, lang)}&nbsp;{n}" for v, n in self._count_words())
        parts = [f'<p class="chapter-findings-counts"><strong>{label("checked", lang, n=len(self.records))}'
                 f"</strong> {counts}</p>"]
        if not len(self.top):
            return parts[0] + f"<p>{label('none wrong', lang)}</p>"
        # the Chinese edition shows the original quote, the English one its rendering
        said, said_lang = ("claim_en", "en") if lang == "en" else ("quote_zh", "zh")
        rows = "".join(
            f'<tr><td><a href="{escape(card_url(row["claim_id"]))}">{escape(row["claim_id"])}</a></td>'
            f'<td lang="{said_lang}">{escape(str(row[said]))}</td>'
            f'<td>{badge_html(row["verdict"], lang)}</td><td>{escape(explain(row, lang))}</td></tr>'
            for _, row in self.top.iterrows())
        head = "".join(f'<th scope="col">{label(key, lang)}</th>' for key in ("claim", "text says", "verdict", "why"))
        return (parts[0] + f'<table class="chapter-findings"><caption>{label("largest", lang)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")

    def _repr_html_(self) -> str:
        return bilingual(self.html)


def chapter_findings(*results: pd.DataFrame) -> Findings:
    """The findings of a chapter from its claims-checked tables (every table it published)."""
    return Findings(with_claims(pd.concat(results, ignore_index=True)))


def verdicts_html(results: pd.DataFrame) -> str:
    """A claims-checked table for readers, in both languages: claim (linked to its card), badge, explanation."""
    from html import escape

    judged = with_claims(results)

    def table(lang):
        rows = "".join(f'<tr><td><a href="{escape(card_url(row["claim_id"]))}">{escape(row["claim_id"])}</a></td>'
                       f'<td>{badge_html(row["verdict"], lang)}</td><td>{escape(explain(row, lang))}</td></tr>'
                       for _, row in judged.iterrows())
        if not rows:
            return f"<p>{label('no claims', lang)}</p>"
        head = "".join(f'<th scope="col">{label(key, lang)}</th>' for key in ("claim", "verdict", "why"))
        return f'<table class="claims-checked"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'

    return bilingual(table)


# -- Charts -----------------------------------------------------------------------------------------

# Latin text in DejaVu Sans, Chinese in Noto Sans CJK (Debian's fonts-noto-cjk, which
# scripts/install-system-deps.sh installs, and Binder's apt.txt): one chart serves both editions.
# matplotlib falls back glyph by glyph only across the families named in font.family.
CHART_FONTS = ["DejaVu Sans", "Noto Sans CJK SC"]


def _cjk_font_available() -> bool:
    """Whether matplotlib knows a CJK font; a font installed after matplotlib built its font cache is
    added now (the cache is only rebuilt when matplotlib changes)."""
    from matplotlib import font_manager

    def known():
        return any("CJK" in font.name for font in font_manager.fontManager.ttflist)

    if not known():
        for path in font_manager.findSystemFonts():
            if "NotoSansCJK" in Path(path).name.replace("-", ""):
                font_manager.fontManager.addfont(path)
    return known()


def chart_style() -> None:
    """The chapters' chart style: seaborn's whitegrid, with a CJK font behind the Latin one, so that
    bilingual titles and labels draw in both scripts.

    Without a CJK font (the setup script says so when it cannot install one), Chinese labels
    show as boxes; the warnings matplotlib would print for every such glyph are silenced,
    since the setup already reported the one cause.
    """
    import warnings

    import seaborn as sns

    sns.set_theme(style="whitegrid")
    if _cjk_font_available():
        sns.set_theme(style="whitegrid", rc={"font.family": CHART_FONTS})
    else:
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
