"""How the book tells readers what it found (claimcheck/present.py): numbers as people
write them, short citations, and one plain sentence per verdict."""

import re

import pandas as pd
import pytest

from claimcheck.present import (chinese_scale, explain, human_date, human_value, short_cite,
                                stated_chinese, stated_value)
from claimcheck.results import load_ledger
from claimcheck.tables import load_table
from claimcheck.wording import HEADLINES


@pytest.mark.parametrize("value, unit, shown", [
    (1.75e11, "parameters", "175 billion parameters"),
    (4.6e12, "USD", "US$4.6 trillion"),
    (1.091e11, "CNY", "CN¥109.1 billion"),
    (0.44, "share", "44%"),
    (0.07, "percentage_points", "7 percentage points"),
    (1e8, "persons", "100 million people"),
    (1, "persons", "1 person"),
    (129_864_880, "items", "129.9 million items"),
    (626_155, "lbs_CO2e", "626,155 lb CO₂e"),
    (4.5e13, "bytes", "45 TB"),
    (1e18, "FLOP/s", "1 EFLOP/s"),
    (2019, "year", "2019"),
    (2, "rank", "2nd"),
    (11, "rank", "11th"),
    (23, "rank", "23rd"),
    (9, "factor", "9 times"),
    (1 / 7, "factor", "1/7"),
    (25, "seconds", "25 seconds"),
    (3, "count", "3"),
])
def test_values_read_as_people_write_them(value, unit, shown):
    assert human_value(value, unit) == shown


@pytest.mark.parametrize("value, shown", [(1.75e11, "1750亿"), (1e8, "1亿"), (1e13, "10万亿"), (4.6e12, "4.6万亿"),
                                          (200_000, "20万"), (1e18, "100亿亿"), (9_999, "")])
def test_chinese_figures_carry_their_scale_word(value, shown):
    assert chinese_scale(value) == shown


@pytest.mark.parametrize("text, shown", [("2022-11-30", "30 Nov 2022"), ("2022-11", "Nov 2022"), ("2022", "2022")])
def test_dates_read_as_people_write_them(text, shown):
    assert human_date(text) == shown


def test_a_range_names_its_unit_once():
    claim = {"unit": "images", "value": 1.0, "value_high": 2.0, "value_text": None}
    assert stated_value(claim) == "1 to 2 images"


def test_every_claim_states_its_figure_readably():
    for _, claim in load_ledger().iterrows():
        shown = stated_value(claim) + stated_chinese(claim)
        assert not re.search(r"\de[+-]\d|nan", shown), (claim["claim_id"], shown)


def test_citations_name_authors_or_a_title_never_an_unknown_author():
    sources = load_table("sources")
    cites = {source: short_cite(source) for source in sources["source_id"]}
    assert not [c for c in cites.values() if "nknown" in c]
    assert cites["S000"].startswith("How AIGC empowers digital cultural production")  # no author: the title
    assert cites["brown2020-gpt3"] == "Brown et al. 2020"  # three or more authors
    assert cites["epoch-ai"] == "Epoch AI 2024"  # an organisation
    assert cites["sequoia-2022-generative-ai"] == "Huang and Grady 2022"  # two people: surnames
    assert cites["cac-2022-deep-synthesis"] == "Cyberspace Administration of China et al. 2022"  # organisations: whole
    assert cites["cbinsights"] == "CB Insights 2022"  # one author: named in full
    authored = sources.loc[sources["authors"].notna(), "source_id"]
    assert not [cites[s] for s in authored if "(" in cites[s]]  # affiliations and glosses are left out


def _record(**parts):
    base = {"claim_id": "S999-001", "unit": "parameters", "value": 4.81e11, "value_high": None, "value_text": None,
            "verdict": "discrepant", "basis": "independent", "reason": "wrong-value", "kind": "figure",
            "stated": 4.81e11, "checked": 3.4e8, "checked_date": None, "evidence_source_id": "epoch-ai",
            "against": "epoch-ai", "finding": None}
    return {**base, **parts}


def test_a_wrong_figure_says_by_how_much_and_what_the_evidence_gives():
    text = explain(_record())
    assert text == "Wrong by a factor of 1,400: the text says 481 billion parameters; Epoch AI 2024 gives 340 million parameters."


def test_a_small_error_is_a_percentage_and_a_bound_has_no_size():
    assert explain(_record(stated=4.14e10, value=4.14e10, checked=4.11e10)).startswith("Wrong by 0.73%:")
    bound = explain(_record(kind="more than", stated=4e9, value=4e9, checked=4e8))
    assert bound.startswith("Wrong: the text says more than 4 billion parameters;")


def test_a_correct_figure_and_a_correct_date():
    assert explain(_record(verdict="reproduced", reason="", stated=1.75e11, checked=1.75e11)) == (
        "Correct: the text says 175 billion parameters; Epoch AI 2024 gives 175 billion parameters.")
    date = _record(verdict="reproduced", reason="", unit="date", value=None, value_text="2022-11", kind="date",
                   stated=274, checked=274, checked_date="2022-11-30", finding="OpenAI releases ChatGPT")
    assert explain(date) == "Correct: the text says Nov 2022; Epoch AI 2024 dates it 30 Nov 2022. OpenAI releases ChatGPT."


def test_a_wrong_date_says_how_far_off_at_the_precision_compared():
    date = _record(reason="wrong-date", unit="date", value=None, value_text="2021-03", kind="date",
                   stated=254, checked=252, checked_date="2021-01-05")
    assert explain(date).startswith("Wrong date by 2 months: the text says Mar 2021; Epoch AI 2024 dates it 5 Jan 2021")


def test_misattributed_and_earlier_cases_say_what_the_evidence_found():
    misattributed = explain(_record(reason="misattributed", finding="It is the count of another model."))
    assert misattributed.startswith("Misattributed: ") and misattributed.endswith("It is the count of another model.")
    first = explain(_record(reason="earlier-case", unit="rank", stated=1, checked=2,
                            finding="A documented earlier case exists", evidence_source_id="epoch-ai"))
    assert first == "Not the first: A documented earlier case exists (Epoch AI 2024)."


def test_an_open_claim_says_why_in_the_research_s_words():
    text = explain(_record(verdict="unsupported", reason="undisclosed", basis=None, kind=None,
                           finding="OpenAI has not disclosed GPT-4's size."))
    assert text == "Unsupported: OpenAI has not disclosed GPT-4's size."


def test_every_verdict_in_the_ledger_has_a_plain_explanation():
    ledger = load_ledger()
    words = {value.split("{")[0] for value in HEADLINES["en"].values()}
    for _, claim in ledger.iterrows():
        text = explain(claim)
        assert text.split(":")[0].split(" by ")[0] in words, (claim["claim_id"], text)
        # none of the technical note's vocabulary, no float formatting, no missing values
        assert not re.search(r"tolerance|±|\de[+-]\d|\bnan\b|\bNone\b|epoch_|\.csv", text), (claim["claim_id"], text)
        if claim["verdict"] in ("reproduced", "discrepant") and claim["basis"] != "arithmetic":
            assert short_cite(claim["evidence_source_id"]) in text, text


def test_the_explanation_follows_the_verdict_parts_not_a_text_per_claim():
    """Changing only the checked number changes the sentence: nothing is typed per claim."""
    ledger = load_ledger()
    claim = ledger[(ledger["verdict"] == "discrepant") & (ledger["kind"] == "figure")
                   & (ledger["unit"] == "parameters")].iloc[0].copy()
    before = explain(claim)
    claim["checked"] = claim["checked"] * 3
    assert explain(claim) != before
    claim["verdict"], claim["reason"], claim["checked"] = "reproduced", pd.NA, claim["stated"]
    assert explain(claim).startswith("Correct:")


@pytest.mark.parametrize("value, unit, shown", [
    (1.75e11, "parameters", "1750亿参数"), (4.6e12, "USD", "4.6万亿美元"), (1.091e11, "CNY", "1091亿元"),
    (0.44, "share", "44%"), (0.07, "percentage_points", "7个百分点"), (1e8, "persons", "1亿人"),
    (292, "companies", "292家"), (2, "rank", "第二"), (2019, "year", "2019年"), (9, "factor", "9倍"),
    (1 / 7, "factor", "七分之一"), (4.5e13, "bytes", "45TB"),
])
def test_values_read_as_chinese_writes_them(value, unit, shown):
    assert human_value(value, unit, "zh") == shown


@pytest.mark.parametrize("text, shown", [("2022-11-30", "2022年11月30日"), ("2022-11", "2022年11月"), ("2022", "2022年")])
def test_dates_read_as_chinese_writes_them(text, shown):
    assert human_date(text, "zh") == shown


def test_the_chinese_explanations_come_from_the_same_parts():
    assert explain(_record(), "zh") == "错误，为核查数字的1400倍：原文称4810亿参数；据Epoch AI（2024），为3.4亿参数。"
    date = _record(reason="wrong-date", unit="date", value=None, value_text="2021-03", kind="date",
                   stated=254, checked=252, checked_date="2021-01-05")
    assert explain(date, "zh") == "日期错误，相差2个月：原文称2021年3月；据Epoch AI（2024），日期为2021年1月5日。"
    assert explain(_record(verdict="unsupported", reason="undisclosed", basis=None, kind=None,
                           finding="OpenAI has not disclosed it."), "zh") == "缺乏依据：唯一掌握这一数据的一方从未公开。"


def test_every_verdict_in_the_ledger_has_a_chinese_explanation_in_chinese():
    for _, claim in load_ledger().iterrows():
        text = explain(claim, "zh")
        # only citations, units and names of the evidence may stay in Latin letters: no English sentence
        if isinstance(claim["evidence_source_id"], str):
            text = text.replace(short_cite(claim["evidence_source_id"], "zh"), "")
        assert not re.search(r"\b(the|text|says|gives|Correct|Wrong)\b", text), (claim["claim_id"], text)
        assert text.endswith("。"), (claim["claim_id"], text)


def test_a_bilingual_output_shows_english_and_keeps_chinese_inert():
    from claimcheck.present import bilingual

    html = bilingual(lambda lang: f"<p>{lang}</p>")
    assert html == '<!--lang:en--><p>en</p><!--/lang:en--><template data-lang="zh"><p>zh</p></template>'
