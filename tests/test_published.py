"""What the built site publishes for machines: a schema.org ClaimReview for every claim,
read with a real structured-data extractor (extruct), and the whole data package,
loaded with frictionless.  Needs `make book` first (make test runs it)."""

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.pages import RATINGS
from claimcheck.present import verdict_word
from claimcheck.results import load_ledger
from claimcheck.tables import DATA_DIR, REPO_ROOT, resource, resource_names

SITE = REPO_ROOT / "_build" / "html"
SOURCE_PAGES = sorted((SITE / "book" / "sources").glob("*.html"))
# (edition, page): the English pages and their Chinese twins under zh/
EDITION_PAGES = [("en", page) for page in SOURCE_PAGES] + [("zh", SITE / "zh" / page.relative_to(SITE))
                                                           for page in SOURCE_PAGES]

pytestmark = pytest.mark.skipif(not SOURCE_PAGES, reason="the site is not built: run `make book` first")


def claim_reviews(page):
    import extruct

    html = page.read_text(encoding="utf-8")
    found = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    return html, [item for item in found if item.get("@type") == "ClaimReview"]


@pytest.fixture(scope="module")
def ledger():
    return load_ledger().set_index("claim_id")


@pytest.fixture(scope="module")
def site_url():
    import yaml

    return yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]


@pytest.mark.parametrize("edition, page", EDITION_PAGES, ids=lambda p: p if isinstance(p, str) else p.stem)
def test_every_claim_of_a_text_has_exactly_one_claim_review(edition, page, ledger, site_url):
    html, reviews = claim_reviews(page)
    edition_url = site_url + ("zh/" if edition == "zh" else "")
    text = page.stem
    expected = sorted(ledger.index[ledger["source_id"] == text])
    urls = [review["url"] for review in reviews]
    assert sorted(url.rsplit("#", 1)[-1] for url in urls) == expected
    assert len(set(urls)) == len(urls)
    for review in reviews:
        claim_id = review["url"].rsplit("#", 1)[-1]
        claim = ledger.loc[claim_id]
        # the permalink is the card's address on this page
        assert review["url"] == f"{edition_url}book/sources/{text}.html#{claim_id}"
        assert f'id="{claim_id}"' in html
        assert review["inLanguage"] == edition
        # the English edition reviews the claim as rendered in English, the Chinese one the quote itself
        assert review["claimReviewed"] == (claim["claim_en"] if edition == "en" else claim["quote_zh"])
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["ratingValue"] == RATINGS[claim["verdict"]]
        assert (rating["worstRating"], rating["bestRating"]) == (min(RATINGS.values()), max(RATINGS.values()))
        assert rating["alternateName"] == verdict_word(claim["verdict"], edition)
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["text"] == claim["quote_zh"]
        assert re.fullmatch(r"\d{4}", item["datePublished"]) and item["appearance"]["@type"] == "CreativeWork"
        assert review["author"]["@type"] == "Organization" and review["author"]["name"]
        dt.date.fromisoformat(review["datePublished"])
        assert review["reviewBody"].split(":")[0]


def test_the_texts_authors_are_named_where_known():
    import pandas as pd

    from claimcheck.tables import load_table

    sources = load_table("sources").set_index("source_id")
    for _, page in EDITION_PAGES:
        _, reviews = claim_reviews(page)
        authored = pd.notna(sources.loc[page.stem, "authors"])
        for review in reviews:
            assert ("author" in review["itemReviewed"]) == authored, (page.stem, review["url"])


def test_the_whole_data_package_is_published_and_valid():
    from frictionless import Package

    published = SITE / "data"
    report = Package(str(published / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    for path in ["datapackage.json", *(resource(name)["path"] for name in resource_names())]:
        assert (published / path).read_bytes() == (DATA_DIR / path).read_bytes(), path


def test_the_ledger_is_published_as_json_with_its_explanations(ledger):
    records = json.loads((SITE / "data" / "ledger.json").read_text(encoding="utf-8"))
    assert sorted(r["claim_id"] for r in records) == sorted(ledger.index)
    assert all(r["explanation"] and r["verdict"] == ledger.loc[r["claim_id"], "verdict"] for r in records)


@pytest.mark.parametrize("page", ["book/data-sources.html", "book/claims-explorer.html"])
def test_the_data_is_linked_from_the_pages_readers_use(page):
    html = (SITE / page).read_text(encoding="utf-8")
    links = set(re.findall(r'href="(\.\./data/[^"#]+)"', html))
    assert links, "no link to the published data"
    for link in links:
        assert ((SITE / page).parent / link).resolve().is_file(), link


# -- The published folder is brought up to date file by file (book/_ext/published_data.py) ------

PUBLISH = """
import json, sys
from types import SimpleNamespace
sys.path.insert(0, {extensions!r})
import published_data
published_data.publish(SimpleNamespace(outdir={site!r}, builder=SimpleNamespace(format="html")), None)
print(json.dumps("pandas" in sys.modules))
"""


def _publish(data, site) -> bool:
    """Publish ``data`` into ``site`` as a build's last step does, in a process of its own; whether
    that loaded pandas (which only wording ledger.json needs)."""
    from claimcheck.locations import DATA_VARIABLE

    code = PUBLISH.format(extensions=str(REPO_ROOT / "book" / "_ext"), site=str(site))
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, DATA_VARIABLE: str(data)},
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_the_published_folder_is_written_again_only_where_its_data_changed(data_copy, tmp_path):
    folder = tmp_path / "data"

    def published():
        return {path.name: path.read_bytes() for path in folder.iterdir() if not path.name.startswith(".")}

    def crlf(name):  # the same rows in other bytes: still valid, another digest
        (data_copy / name).write_bytes((data_copy / name).read_bytes().replace(b"\n", b"\r\n"))

    assert _publish(data_copy, tmp_path)
    first = published()
    assert set(first) == {"ledger.json", *(path.name for path in data_copy.iterdir())}
    ledger_written = (folder / "ledger.json").stat().st_mtime_ns

    assert not _publish(data_copy, tmp_path)  # nothing changed: nothing read, nothing written
    assert published() == first

    crlf("models.csv")  # a theme table: copied; the ledger is not made from it
    assert not _publish(data_copy, tmp_path)
    assert (folder / "models.csv").read_bytes() == (data_copy / "models.csv").read_bytes() != first["models.csv"]
    assert (folder / "ledger.json").stat().st_mtime_ns == ledger_written

    crlf("sources.csv")  # cited by the ledger's explanations: the ledger is written again
    assert _publish(data_copy, tmp_path)
    assert (folder / "sources.csv").read_bytes() == (data_copy / "sources.csv").read_bytes()
    assert (folder / "ledger.json").stat().st_mtime_ns != ledger_written
    assert published()["ledger.json"] == first["ledger.json"]


def test_the_ledger_json_is_made_from_exactly_the_files_it_is_written_again_for(tmp_path):
    """What a fresh process reads to word ledger.json (load_table reports every file it reads,
    through claimcheck.execution.record_read) is what the publisher watches for it."""
    from claimcheck.execution import READ_LOG_VARIABLE
    from claimcheck.locations import DESCRIPTOR

    sys.path.insert(0, str(REPO_ROOT / "book" / "_ext"))
    import published_data

    log = tmp_path / "reads"
    code = (f"import sys; sys.path.insert(0, {str(REPO_ROOT / 'book' / '_ext')!r}); import published_data; "
            f"from pathlib import Path; published_data.write_ledger(Path({str(tmp_path)!r}), Path({str(DATA_DIR)!r}))")
    subprocess.run([sys.executable, "-c", code], env={**os.environ, READ_LOG_VARIABLE: str(log)}, check=True)
    read = {Path(line).name for line in log.read_text(encoding="utf-8").split()}
    descriptor = json.loads((DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8"))
    assert read == {DESCRIPTOR, *published_data.ledger_inputs(descriptor)}
    assert (tmp_path / "ledger.json").is_file()
