"""Build the site's editions with Jupyter Book 1: `python scripts/build_site.py en zh gettext`.

One source, two editions.  English is built into _build/html, 简体中文 into
_build/html/zh, from the same pages and the same executed notebooks (one execution
cache, so both show the same computed numbers); the Chinese edition takes its prose
from the gettext catalogs in locales/zh_CN/ (Sphinx's own translation machinery).
`gettext` writes the message templates (_build/gettext/*.pot) that the catalogs must
cover; `make translations` merges them into the catalogs for translators.

Each edition keeps its own doctrees, so each rebuilds only what changed, and builds in
its own process, all at once: Sphinx and its extensions keep state between builds in one
process (an edition built after another would see a different configuration and re-write
every page), and each core can build an edition.

`--execute-first` (what `make book` runs) starts the editions' processes, runs the
notebooks (``python -m claimcheck execute``) meanwhile, and only then lets them build:
Sphinx's start-up (its imports, the extensions, the saved environment), a second or two,
happens while the kernels run, when a core is free.  A Sphinx process reads nothing the
execution writes before it builds.

myst-nb writes each edition's notebook outputs into jupyter_execute/ beside the edition's
folder, and sphinx-book-theme reads them there while it writes the pages.  For the Chinese
edition that is inside the English site (_build/html/jupyter_execute): between builds the
folder is kept in _build instead, so the published site holds no copy of it.
"""

import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CACHE = "_build/.jupyter_cache"
LOCALES = "locales"


def _site_url() -> str:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]


def _chinese_settings() -> dict:
    """The Chinese edition's own settings (its title, the words of some controls), kept with its catalogs."""
    return yaml.safe_load((ROOT / LOCALES / "zh_CN" / "edition.yml").read_text(encoding="utf-8"))


EDITIONS = {
    # edition -> (builder, output folder, doctree folder, Sphinx settings on top of _config.yml)
    "en": ("html", "_build/html", "_build/.doctrees", lambda: {}),
    "zh": ("html", "_build/html/zh", "_build/.doctrees-zh", lambda: {
        "language": "zh_CN", "locale_dirs": [LOCALES], "gettext_compact": False,
        "html_baseurl": _site_url() + "zh/", "html_title": _chinese_settings()["title"],
        **_chinese_settings()["controls"]}),
    "gettext": ("gettext", "_build/gettext", "_build/.doctrees-gettext", lambda: {"gettext_compact": False}),
}


@contextmanager
def outputs_outside_the_site(output: Path):
    """Keep the edition's notebook outputs (myst-nb's jupyter_execute/) out of the published site
    between builds, when the edition is built inside the site (the Chinese one, under zh/)."""
    used, kept = output.parent / "jupyter_execute", ROOT / "_build" / f".jupyter_execute-{output.name}"
    if not used.is_relative_to(ROOT / EDITIONS["en"][1]):
        yield
        return
    if kept.is_dir():
        shutil.rmtree(used, ignore_errors=True)
        kept.rename(used)
    try:
        yield
    finally:
        if used.is_dir():
            shutil.rmtree(kept, ignore_errors=True)
            used.rename(kept)


def build(edition: str, folder: Path | None = None, execute: bool = True) -> int:
    """Build one edition; into ``folder`` (html and doctrees) instead of _build, and without executing
    anything (pages show their committed outputs only) when checking a translation alone."""
    from jupyter_book.sphinx import build_sphinx

    builder, output, doctrees, settings = EDITIONS[edition]
    output, doctrees = (folder / edition, folder / f".doctrees-{edition}") if folder else (ROOT / output, ROOT / doctrees)
    overrides = {"external_toc_path": "_toc.yml", "nitpicky": True, "latex_individualpages": False,
                 "nb_execution_cache_path": CACHE, **settings()}
    if not execute:
        overrides["nb_execution_mode"] = "off"
    print(f"building the {edition} edition into {output}", flush=True)
    with outputs_outside_the_site(output):
        result = build_sphinx(ROOT, output, noconfig=True, path_config=str(ROOT / "_config.yml"),
                              confoverrides=overrides, doctreedir=doctrees, builder=builder,
                              warningiserror=True, keep_going=True)
    if edition == "gettext":
        # the theme's own strings (search, contents...): its catalogs translate them
        (output / "sphinx.pot").unlink(missing_ok=True)
    return 1 if isinstance(result, Exception) or result else 0


def build_all(editions: list[str], folder: Path | None = None, execute: bool = True,
              first: list[str] | None = None) -> int:
    """Build each edition in a process of its own, at the same time; print their logs in order.

    With ``first`` (a command), the processes start, run ``first`` meanwhile, and build only
    once it has succeeded; if it fails, nothing is built and its status is returned."""
    if len(editions) == 1 and not first:
        return build(editions[0], folder, execute)
    options = (["--output", str(folder)] if folder else []) + ([] if execute else ["--no-execute"])
    options += ["--wait"] if first else []
    logs = [tempfile.TemporaryFile("w+", encoding="utf-8") for _ in editions]  # a pipe would fill and stall
    running = [subprocess.Popen([sys.executable, __file__, edition, *options], cwd=ROOT, stdin=subprocess.PIPE,
                                stdout=log, stderr=subprocess.STDOUT) for edition, log in zip(editions, logs)]
    status = subprocess.run(first, cwd=ROOT).returncode if first else 0
    for process in running:
        try:
            process.stdin.write(b"build\n" if status == 0 else b"stop\n")
            process.stdin.close()
        except BrokenPipeError:
            pass  # it has ended already: its log says why
    first_status = status
    for process, log in zip(running, logs):
        status = max(status, process.wait())
        log.seek(0)
        if first_status == 0:  # otherwise they only started up: the error above is what matters
            sys.stdout.write(log.read())
        log.close()
    return status


def wait_before_building() -> None:
    """Let this process start Sphinx, and build only when the parent says so (build_all's ``first``)."""
    from sphinx.application import Sphinx

    start_build = Sphinx.build

    def build_when_told(app, *args, **kwargs):
        if sys.stdin.readline().strip() != "build":
            sys.exit(1)  # what ran first failed, and said so
        return start_build(app, *args, **kwargs)

    Sphinx.build = build_when_told


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("editions", nargs="*", help=f"any of {', '.join(EDITIONS)} (default: all)")
    parser.add_argument("--output", type=Path, help="build into this folder instead of _build (a translator's check)")
    parser.add_argument("--no-execute", action="store_true", help="execute nothing: show committed outputs only")
    parser.add_argument("--execute-first", type=int, metavar="JOBS",
                        help="run the notebooks first, on JOBS cores, while the editions' Sphinx starts up")
    parser.add_argument("--wait", action="store_true", help=argparse.SUPPRESS)  # build_all's own children
    args = parser.parse_args()
    if unknown := set(args.editions) - set(EDITIONS):
        parser.error(f"no edition {', '.join(sorted(unknown))}: choose from {', '.join(EDITIONS)}")
    if args.wait:
        wait_before_building()
    first = [sys.executable, "-m", "claimcheck", "execute", "--jobs", str(args.execute_first)] \
        if args.execute_first else None
    sys.exit(build_all(list(dict.fromkeys(args.editions or EDITIONS)), args.output, not args.no_execute, first))
