"""Claims and facts added to the data are judged on the next run, without editing a notebook.

To a copy of data/ the test adds, for every category of the ledger, a second claim about
a subject that already has a settled one (the same figure: the same verdict; ten times
the figure: discrepant), a new model with its independent parameter count and a claim
about it, and a claim about a subject no table knows (with the research row that says
why nothing settles it).  Every chapter then runs on the copy
(:func:`claimcheck.execution.verdicts_with`), and the test checks the verdict of each new
claim, and that no verdict of the existing claims moved.
"""

import csv
import io

import pytest

from claimcheck.execution import verdicts_with
from claimcheck.results import load_ledger
from claimcheck.tables import REPO_ROOT

CHAPTERS = sorted(p.stem for p in (REPO_ROOT / "notebooks").glob("*.ipynb"))
CLAIM_KEYED = ["unsettled-claims.csv", "list-items.csv", "lists-and-counts-facts.csv"]
QUANTITIES = {"parameters", "USD", "CNY", "persons", "items", "companies", "lbs_CO2e", "t_CO2e", "bytes", "FLOP/s",
              "tokens", "images"}


def _rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _append(path, rows):
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=_rows(path)[0].keys(), lineterminator="\n")
        writer.writerows(rows)


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    data = tmp_path_factory.mktemp("added") / "data"
    import shutil

    shutil.copytree(REPO_ROOT / "data", data)
    ledger = load_ledger()
    claims = {row["claim_id"]: row for row in _rows(data / "claims.csv")}
    keyed = {name: _rows(data / name) for name in CLAIM_KEYED}
    numbers = {}  # source_id -> next free claim number (9xx)
    expected = {}  # new claim_id -> the verdict it must get
    added, added_keyed = [], {name: [] for name in CLAIM_KEYED}

    def new_claim(original_id, **changes):
        source = claims[original_id]["source_id"]
        numbers[source] = numbers.get(source, 900) + 1
        claim_id = f"{source}-{numbers[source]:03d}"
        added.append({**claims[original_id], "claim_id": claim_id, **changes})
        for name in CLAIM_KEYED:  # the research rows a user adds with a claim that needs them
            added_keyed[name] += [{**row, "claim_id": claim_id} for row in keyed[name] if row["claim_id"] == original_id]
        return claim_id

    for category, group in ledger.groupby("category"):
        settled = group[group["verdict"].isin(["reproduced", "discrepant"])].sort_values(
            ["basis", "claim_id"], key=lambda s: s.eq("arithmetic") if s.name == "basis" else s)
        if settled.empty:
            continue
        original = settled.iloc[0]
        expected[new_claim(original["claim_id"])] = original["verdict"]  # a second claim on the same subject
        figures = settled[(settled["kind"] == "figure") & settled["unit"].isin(QUANTITIES)
                          & (settled["verdict"] == "reproduced") & settled["value"].notna()]
        if len(figures):  # the same subject, ten times the figure
            figure = figures.iloc[0]
            expected[new_claim(figure["claim_id"], value=repr(float(figure["value"]) * 10),
                               value_text="")] = "discrepant"

    # a new fact: a model the tables did not know, and a claim about it
    with (data / "models.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["Test-Model-XL", "Test Lab", "United States", "2022-06-01", "123000000000", "epoch-ai",
             "Test-Model-XL (added by the test)", "", "independent", "dataset: added by tests/test_new_claims.py"])
    gpt3 = ledger[(ledger["category"] == "model-parameters") & (ledger["unit"] == "parameters")].iloc[0]["claim_id"]
    expected[new_claim(gpt3, subject="Test-Model-XL", value="123000000000", value_text="", quote_zh="Test-Model-XL 有1230亿参数",
                       claim_en="Test-Model-XL has 123 billion parameters.")] = "reproduced"

    # a subject no table knows, with the research row that says why nothing settles it
    vague = ledger[(ledger["category"] == "other") & (ledger["unit"] == "count")].iloc[0]["claim_id"]
    unknown = new_claim(vague, subject="a subject no table knows", measure="count of something", value="7",
                        value_text="", claim_en="Something happened seven times.")
    added_keyed["unsettled-claims.csv"] = [r for r in added_keyed["unsettled-claims.csv"] if r["claim_id"] != unknown]
    added_keyed["list-items.csv"] = [r for r in added_keyed["list-items.csv"] if r["claim_id"] != unknown]
    added_keyed["lists-and-counts-facts.csv"] = [r for r in added_keyed["lists-and-counts-facts.csv"]
                                                 if r["claim_id"] != unknown]
    added_keyed["unsettled-claims.csv"].append({"claim_id": unknown, "reason": "vague",
                                                "note": "No record says what was counted.", "searched": "",
                                                "source_id": ""})
    expected[unknown] = "unverifiable"

    _append(data / "claims.csv", added)
    for name, rows in added_keyed.items():
        if rows:
            _append(data / name, rows)
    categories = {row["claim_id"]: row["category"] for row in added}
    return verdicts_with(data, CHAPTERS), expected, ledger, categories


def test_every_new_claim_gets_the_verdict_its_evidence_gives(judged):
    verdicts, expected, _, _ = judged
    got = {claim_id: verdicts.get(claim_id, {}).get("verdict") for claim_id in expected}
    assert got == expected


def test_every_category_has_new_claims(judged):
    _, _, ledger, categories = judged
    assert set(categories.values()) == set(ledger["category"])


def test_the_verdicts_of_the_existing_claims_do_not_move(judged):
    verdicts, _, ledger, _ = judged
    moved = {row.claim_id: (row.verdict, verdicts.get(row.claim_id, {}).get("verdict"))
             for row in ledger.itertuples() if verdicts.get(row.claim_id, {}).get("verdict") != row.verdict}
    assert not moved
