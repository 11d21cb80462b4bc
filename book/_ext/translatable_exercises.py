"""Let Sphinx's translation machinery see the titles of the exercises.

sphinx-exercise builds an exercise's title without saying where in the source it came
from, and Sphinx translates only text that says so.  A transform gives each exercise's
own title (its subtitle node: "A lost 亿") its page's source before the translation step
runs, so that the Chinese edition translates it.  When the gettext builder writes the
message templates it reads the resolved pages, in which sphinx-exercise has rebuilt the
titles; the titles are then taken from the page as it was read.
"""

import re

from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from language_editions import is_chinese  # book/_ext, like this extension


class TranslatableExerciseTitles(SphinxTransform):
    default_priority = 15  # after parsing, before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs):
        from sphinx_exercise.nodes import exercise_subtitle

        for subtitle in self.document.findall(exercise_subtitle):
            if not subtitle.source:
                subtitle.source = self.env.doc2path(self.env.docname)
                subtitle.line = subtitle.parent.line or 1
                subtitle.rawsource = subtitle.astext()


def _add_titles_to_catalog(app, doctree, docname):
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import docname_to_domain
    from sphinx_exercise.nodes import exercise_subtitle

    catalog = app.builder.catalogs[docname_to_domain(docname, app.config.gettext_compact)]
    for subtitle in app.env.get_doctree(docname).findall(exercise_subtitle):
        if hasattr(subtitle, "uid"):
            catalog.add(subtitle.rawsource, subtitle)


def setup(app):
    app.add_transform(TranslatableExerciseTitles)
    app.add_post_transform(TranslatedSolutionTitles)
    app.add_post_transform(ChineseTitlePunctuation)
    app.connect("doctree-resolved", _add_titles_to_catalog)
    app.connect("html-page-context", _no_gap_before_the_title)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


class TranslatedSolutionTitles(SphinxPostTransform):
    """A solution's title names its exercise ("Solution to Exercise 1 (A lost 亿)"); sphinx-exercise
    takes that name from the exercise as it was parsed, before translation.  Here it is taken from
    the exercise's title on the page, as translated."""

    default_priority = 22  # after sphinx_exercise's ResolveTitlesInSolutions (21)

    def run(self, **kwargs):
        from docutils import nodes
        from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node, solution_node

        exercises = {node.get("label"): node for node in self.document.findall(
            lambda n: isinstance(n, (exercise_node, exercise_enumerable_node)))}
        for solution in self.document.findall(solution_node):
            exercise = exercises.get(solution.get("target_label"))
            reference = next(solution.children[0].findall(nodes.reference), None)
            if exercise is None or reference is None:
                continue
            title = list(exercise.children[0].children)
            start = next((i for i, child in enumerate(title) if child.astext().startswith(" (")), None)
            if start is None or not reference.children:
                continue
            number = reference.children[0]  # " Exercise 1"
            reference.children = []
            reference += [number] + [child.deepcopy() for child in title[start:]]


class ChineseTitlePunctuation(SphinxPostTransform):
    """In the Chinese edition an exercise's own title stands in full-width parentheses, as every
    parenthesis around Chinese text does in the catalogs: 练习 1（一个丢失的亿）.  sphinx-exercise
    adds its parentheses as text nodes of their own (" (" and ")"), which are replaced here; a
    solution's title gets a colon after its label: 解答：练习 1（一个丢失的亿）."""

    default_priority = 23  # after TranslatedSolutionTitles (22), which copies an exercise's title

    def run(self, **kwargs):
        if not is_chinese(self.app):
            return
        from docutils import nodes
        from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node, solution_node

        for exercise in self.document.findall(
                lambda n: isinstance(n, (exercise_node, exercise_enumerable_node))):
            _full_width_parentheses(exercise.children[0])
        for solution in self.document.findall(solution_node):
            title = solution.children[0]
            reference = next(title.findall(nodes.reference), None)
            if reference is None or not _full_width_parentheses(reference):
                continue
            label, number = title.children[0], reference.children[0]  # "解答", " 练习 1"
            title[0] = nodes.Text(str(label).rstrip() + "：")
            reference[0] = nodes.Text(str(number).lstrip())


def _full_width_parentheses(parent) -> bool:
    """Replace the first " (" and the last ")" among parent's own children; say whether both were there."""
    from docutils import nodes

    # By position: Text nodes are strings, and docutils' replace() finds a node by equality
    texts = [i for i, child in enumerate(parent.children) if isinstance(child, nodes.Text)]
    opening = next((i for i in texts if parent[i] == " ("), None)
    closing = next((i for i in reversed(texts) if parent[i] == ")"), None)
    if opening is None or closing is None:
        return False
    parent[opening], parent[closing] = nodes.Text("（"), nodes.Text("）")
    return True


# Sphinx writes an exercise's number with a space after it, inside its span ("练习 1 ")
NUMBER_THEN_TITLE = re.compile(r'(<span class="caption-number">[^<]*?) (</span>（)')


def _no_gap_before_the_title(app, pagename, templatename, context, doctree):
    """Before a full-width parenthesis, which carries its own space, Sphinx's space is a gap."""
    body = context.get("body")
    if body and is_chinese(app):
        context["body"] = NUMBER_THEN_TITLE.sub(r"\1\2", body)
