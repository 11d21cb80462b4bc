"""The site's search indexes (book/_ext/search_index.py) make the words Sphinx's own would."""

import sys

import pytest
from sphinx.search.en import SearchEnglish
from sphinx.search.zh import SearchChinese

from claimcheck.tables import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "book" / "_ext"))
from search_index import ChineseSearch, EnglishSearch  # noqa: E402

TEXTS = [
    "GPT-3 有 1750 亿个参数，由 OpenAI 于 2020 年发布",
    "claim_ids 列出论断的编号",  # jieba cuts "ids" out of a longer Latin word...
    "ids of the claims, and their IDs",  # ...which then stands alone: kept whole, not stemmed to "id"
    "超级计算机 TOP500 榜单 the supercomputers' ranking",
    "Correct: the text says 2022; OpenAI 2022 dates it 30 Nov 2022",
]


def words(search, texts):
    return [[search.stem(word) for word in search.split(text)] for text in texts * 2]


@pytest.mark.parametrize("ours, sphinx", [(EnglishSearch, SearchEnglish), (ChineseSearch, SearchChinese)])
def test_the_remembered_stems_and_splits_are_sphinx_own(ours, sphinx):
    original = sphinx({})
    original.latin_terms = []  # Sphinx shares one list between all its Chinese indexes
    ours = ours({})
    # a page's own text too
    page = (REPO_ROOT / "book" / "reading-verdicts.md").read_text(encoding="utf-8").splitlines()
    assert words(ours, TEXTS + page) == words(original, TEXTS + page)


def test_words_kept_from_an_earlier_build_are_jiebas_and_need_no_jieba(tmp_path, monkeypatch):
    import json

    import jieba

    original = SearchChinese({})
    original.latin_terms = []
    expected = words(original, TEXTS)
    earlier = ChineseSearch({})
    words(earlier, TEXTS)
    kept = tmp_path / "search-words.json"
    kept.write_text(json.dumps(earlier.jieba_words, ensure_ascii=False), encoding="utf-8")

    def no_jieba(text):
        raise AssertionError(f"jieba asked again for {text!r}")

    monkeypatch.setattr(ChineseSearch, "words_file", kept)
    monkeypatch.setattr(jieba, "cut_for_search", no_jieba)
    later = ChineseSearch({})
    assert words(later, TEXTS) == expected
    assert later.new_texts == 0
