"""The words the book's code puts in front of readers, in each edition's language.

The prose of the pages and chapters is translated with Sphinx's gettext catalogs
(locales/); what code writes (verdict badges, the one-sentence explanations, the
cards, the findings tables, the explorer) takes its words from here, through the
same templates in both languages.  Fixed terms (verdicts, bases, reasons and the
book's vocabulary) come from ``glossary.csv`` beside this module, which the
translated catalogs must follow too (tests/test_translations.py), so that one term
is never translated two ways.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "zh")
GLOSSARY = Path(__file__).with_name("glossary.csv")


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """English term -> its one Chinese form."""
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return {row["term"]: row["zh"] for row in csv.DictReader(handle)}


def term(english: str, lang: str) -> str:
    """A fixed term of the book in ``lang`` (the glossary's form in Chinese)."""
    return english if lang == "en" else glossary()[english]


# The first words of an explanation, by verdict or (verdict, reason).  {by} says how far
# a wrong figure is off, {off} how far a date is.
HEADLINES = {
    "en": {
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
    },
    "zh": {
        "reproduced": "正确",
        ("discrepant", "wrong-value"): "错误{by}",
        ("discrepant", "wrong-date"): "日期错误{off}",
        ("discrepant", "wrong-unit"): "单位错误",
        ("discrepant", "misattributed"): "归属错误",
        ("discrepant", "outdated"): "数据过时",
        ("discrepant", "contradicts-same-text"): "自相矛盾",
        ("discrepant", "earlier-case"): "并非首例",
        "unsupported": "缺乏依据",
        "unverifiable": "无法核实",
        "unchecked": "尚未核查",
    },
}

# How far off: a factor, a percentage, a gap between dates.
OFF_BY = {
    "en": {"factor": " by a factor of {n}", "percent": " by {n}%", "dates": " by {n} {unit}{plural}"},
    "zh": {"factor": "，为核查数字的{n}倍", "fraction": "，仅为核查数字的{n}分之一", "percent": "，偏差{n}%",
           "dates": "，相差{n}{unit}"},
}
DATE_UNITS = {"en": {"year": "year", "month": "month", "day": "day"}, "zh": {"year": "年", "month": "个月", "day": "天"}}

# The rest of the explanation, by the kind of check.  {says} is the text's figure in its
# wording, {checked} the evidence's, {cite} the evidence's short citation, {against}
# what the text's own figures were (English only: the chapters name them in English).
BODIES = {
    "en": {
        "arithmetic": "the text says {says}; its own figures ({against}) give {checked}.",
        "figure": "the text says {says}; {cite} gives {checked}.",
        "rank": "the text says it ranks {says}; {cite} puts it {checked}.",
        "date": "the text says {says}; {cite} dates it {checked}.",
        "earlier-case": "{cite} records an earlier case.",
        "wrong-unit": "the text says {says}; {cite} gives the same number in another unit.",
        "misattributed": "the text says {says}.",
        "unchecked": "no chapter has judged this claim yet.",
        "unsettled": "nothing public settles it.",
    },
    "zh": {
        "arithmetic": "原文称{says}，按原文自身的数据核算为{checked}。",
        "list": "原文称有{stated_number}项，实际列出{checked}项。",
        "figure": "原文称{says}；据{cite}，为{checked}。",
        "rank": "原文称其排名{says}；据{cite}，排名{checked}。",
        "date": "原文称{says}；据{cite}，日期为{checked}。",
        "earlier-case": "据{cite}，此前已有先例。",
        "wrong-unit": "原文称{says}；据{cite}，数字相同而单位不同。",
        "misattributed": "原文称{says}；但据{cite}，这一数字实指另一对象。",
        "outdated": "原文称{says}，系旧数据；据{cite}，已为{checked}。",
        "unchecked": "尚无章节核查这一论断。",
        "unsettled": "{meaning}。",
    },
}
# How the text words its figure: "more than 129 million".
SAYS = {
    "en": {"figure": "{stated}", "more than": "more than {stated}", "at least": "at least {stated}",
           "less than": "less than {stated}", "order": "of the order of {stated}", "date": "{stated}"},
    "zh": {"figure": "{stated}", "more than": "超过{stated}", "at least": "至少{stated}",
           "less than": "不到{stated}", "order": "在{stated}量级", "date": "{stated}"},
}

# Why a claim stays open, in Chinese, by reason (the English edition quotes the research's own sentence).
REASON_MEANINGS_ZH = {
    "wrong-value": "数字与证据不符",
    "wrong-date": "日期与证据不符",
    "wrong-unit": "数字无误，但单位或币种有误",
    "misattributed": "这一数字实指另一对象（另一模型、另一指标）",
    "outdated": "曾经属实，却被当作现状陈述",
    "contradicts-same-text": "与原文自身的数字相矛盾",
    "earlier-case": "所称“首个”“唯一”，已被有据可查的更早先例推翻",
    "undisclosed": "唯一掌握这一数据的一方从未公开",
    "rumour": "这一说法源自传闻或泄露，没有原始来源",
    "source-silent": "原文所引的来源并未载明这一点",
    "no-record": "找不到记载这一点的公开原始来源",
    "future-forecast": "这是一项预测，所预测的时间尚未到来",
    "opinion": "这是观点、定性或标签，不是可以核实的事实",
    "vague": "表述模糊，没有可供核查的具体数字或明确对象",
    "never-published": "核查所需的数据从未公布",
    "definition": "这是定义性的表述，不是事实陈述",
}

# What each verdict means, for the legend of *How to read a verdict*.
VERDICT_MEANINGS = {
    "en": {
        "reproduced": "The evidence agrees with the claim, within the rounding of the stated figure.",
        "discrepant": "The evidence contradicts the claim: the explanation says how and by how much.",
        "unsupported": "Stated as fact, but no public primary source establishes it: the only party who could know "
                       "never disclosed it, it goes back to a leak or a rumour, or the source the text cites does "
                       "not say it.",
        "unverifiable": "Not a checkable fact: a forecast whose date has not come, an opinion or a label, a vague "
                        "magnitude (“数十亿级”), data that were never published.",
    },
    "zh": {
        "reproduced": "证据与论断相符，差异不超过原文数字的舍入范围。",
        "discrepant": "证据与论断相悖；说明中写明错在哪里、相差多少。",
        "unsupported": "以事实口吻陈述，却没有任何公开的原始来源可以证实：唯一知情的一方从未公开，说法源自泄露或传闻，"
                       "或原文所引的来源并无此说。",
        "unverifiable": "不是可以核实的事实：预测的时间尚未到来，属于观点或标签，数量表述模糊（“数十亿级”），"
                        "或所需数据从未公布。",
    },
}

# The labels of the cards, the filter, the findings and the tables.
LABELS = {
    "en": {
        "stated": "Stated", "evidence": "Evidence", "entry": "bibliography entry", "how": "how the chapter checked it",
        "own figures": "the text's own figures", "technical": "Technical note", "show": "Show:", "all": "All",
        "filter": "Show the claims of one verdict", "permalink": "Permanent link to this claim",
        "claims": "{n} claims", "checked": "{n} claims checked:", "largest": "The largest discrepancies",
        "none wrong": "No claim in this chapter is wrong.", "claim": "claim", "text says": "what the text says",
        "verdict": "verdict", "why": "why", "stated col": "stated", "checked col": "checked", "text": "text",
        "category": "category", "basis": "basis", "reason": "reason", "quote": "quote", "english": "in English",
        "range": "{low} to {high}", "badge": "badge", "meaning": "meaning", "code": "verdict", "count": "claims",
        "all rows": "all", "line": "line", "no claims": "No claim falls in this table.",
    },
    "zh": {
        "stated": "原文数字", "evidence": "证据", "entry": "参考文献条目", "how": "章节中的核查过程",
        "own figures": "原文自身的数据", "technical": "技术说明（英文）", "show": "显示：", "all": "全部",
        "filter": "只显示某一核查结论的论断", "permalink": "本论断的永久链接",
        "claims": "共{n}条论断", "checked": "共核查{n}条论断：", "largest": "偏差最大的论断",
        "none wrong": "本章没有错误的论断。", "claim": "论断", "text says": "原文",
        "verdict": "核查结论", "why": "说明", "stated col": "原文数字", "checked col": "核查数字", "text": "文本",
        "category": "类别", "basis": "依据", "reason": "理由", "quote": "原文", "english": "英文",
        "range": "{low}至{high}", "badge": "标识", "meaning": "含义", "code": "代码", "count": "论断数",
        "all rows": "合计", "line": "第{n}行", "no claims": "本表没有论断。",
    },
}


def label(key: str, lang: str, **values) -> str:
    return LABELS[lang][key].format(**values)
