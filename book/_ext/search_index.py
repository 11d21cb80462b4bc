"""The site's search indexes, one per edition, in linear time.

Sphinx indexes every word of every page, stemmed.  A book of claim cards says the same
words many times (verdict words, "Stated", a source's name), so each index stems each
distinct word once, and the Chinese one splits each distinct text once: the index is
the same.

The Chinese index needs jieba (in requirements.txt) to split Chinese text into words:
without it Sphinx indexes no Chinese word, and a search in the Chinese edition finds
nothing.  Sphinx 7.4 also keeps every Latin word it has seen in one list, shared by all
builds, and looks each word up in it, so the Chinese build's time grew with the square
of its text (half of that build).  Here the words are a set of this index's own.

jieba takes a second to load its dictionary, more than a build that re-writes one
page spends on the rest of its index.  The words it found in each text are kept with
the edition's doctrees, for the jieba version that found them, and jieba is loaded
only for a text it has not split before.
"""

import json
import logging
from pathlib import Path

import jieba
from sphinx.search.en import SearchEnglish
from sphinx.search.zh import SearchChinese


class RememberedStems:
    """Stem each distinct word once (Sphinx's stemmers are pure Python)."""

    def stem_depends_on(self, word):
        return word

    def stem(self, word):
        stems = self.__dict__.setdefault("_stems", {})
        key = self.stem_depends_on(word)
        if key not in stems:
            stems[key] = super().stem(word)
        return stems[key]


class EnglishSearch(RememberedStems, SearchEnglish):
    pass


class ChineseSearch(RememberedStems, SearchChinese):
    words_file: Path | None = None  # where jieba's words are kept (set for each build)

    def stem_depends_on(self, word):
        # Sphinx keeps a short stem of a word it has seen standing alone, such as "IDs"
        return word, word in self.latin_terms

    def init(self, options):
        jieba.setLogLevel(logging.WARNING)  # not its "Building prefix dict..." on every build
        super().init(options)
        self.latin_terms = set()
        self.jieba_words = {}
        if self.words_file is not None and self.words_file.is_file():
            self.jieba_words = json.loads(self.words_file.read_text(encoding="utf-8"))
        self.new_texts = 0

    def split(self, input):
        if input not in self.jieba_words:
            self.jieba_words[input] = list(jieba.cut_for_search(input))
            self.new_texts += 1
        latin = [term.strip() for term in self.latin1_letters.findall(input)]
        self.latin_terms.update(latin)
        return self.jieba_words[input] + latin


def _words_file(app):
    ChineseSearch.words_file = Path(app.doctreedir) / f"search-words-jieba-{jieba.__version__}.json"


def _keep_words(app, exception):
    language = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if exception is None and isinstance(language, ChineseSearch) and language.new_texts:
        language.words_file.write_text(json.dumps(language.jieba_words, ensure_ascii=False), encoding="utf-8")


def setup(app):
    app.add_search_language(EnglishSearch)
    app.add_search_language(ChineseSearch)
    app.connect("builder-inited", _words_file)
    app.connect("build-finished", _keep_words)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
