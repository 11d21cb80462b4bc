"""Sources: every source has a bibliography entry, and the five texts are the ones in shared/."""

import re

import pytest

from claimcheck import load_table
from claimcheck.tables import REPO_ROOT

from conftest import SHARED

BIB = REPO_ROOT / "book" / "references.bib"


def test_every_source_has_a_bibtex_entry_and_back():
    keys = set(re.findall(r"^@\w+\{([^,]+),", BIB.read_text(encoding="utf-8"), flags=re.M))
    assert keys == set(load_table("sources")["source_id"])


def test_the_five_texts_are_listed():
    texts = load_table("sources").query("kind == 'text'")
    assert len(texts) == 5
    assert texts["file"].notna().all()


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is not present")
def test_text_files_exist_in_shared_seeds():
    for name in load_table("sources").query("kind == 'text'")["file"]:
        assert (SHARED / "seeds" / name).is_file(), name
