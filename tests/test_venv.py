"""The settings scripts/configure_venv.py gives the venv (make's first step)."""

import logging
import sys
from pathlib import Path

import claimcheck
from claimcheck.tables import REPO_ROOT

KERNEL_CONFIG = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
NOTICE = ("Kernel is running over TCP without encryption. All communication (including code and outputs) "
          "is sent in plain text and is susceptible to eavesdropping.")


def test_the_package_is_imported_from_the_working_tree():
    assert Path(claimcheck.__file__).parent == REPO_ROOT / "claimcheck"


def test_kernels_of_the_venv_read_the_config():
    from IPython.core.application import ENV_CONFIG_DIRS  # here, not at collection: IPython is slow to import

    assert str(KERNEL_CONFIG.parent) in ENV_CONFIG_DIRS
    assert KERNEL_CONFIG.is_file(), "run `make .venv/.installed` (scripts/configure_venv.py)"
    assert KERNEL_CONFIG.read_bytes() == (REPO_ROOT / "scripts" / "ipython_kernel_config.py").read_bytes(), \
        "the venv's copy is stale: run `make .venv/.installed`"


def _load_config():
    """Run the kernel config as a kernel does, with its own `c`; return `c` and the
    log filters it added (taken off the logger again: this process is no kernel)."""
    from traitlets.config import Config

    logger = logging.getLogger("IPKernelApp")
    before = list(logger.filters)
    c = Config()
    exec(KERNEL_CONFIG.read_text(encoding="utf-8"), {"c": c})
    added = [f for f in logger.filters if f not in before]
    for extra in added:
        logger.removeFilter(extra)
    return c, added


def test_the_config_drops_the_tcp_notice_and_nothing_else():
    _, added = _load_config()
    assert len(added) == 1

    def kept(message):
        return added[0].filter(logging.makeLogRecord({"name": "IPKernelApp", "levelno": logging.WARNING,
                                                      "msg": message}))

    assert not kept(NOTICE)
    assert kept("Unknown error in handling startup files")


def test_figures_are_text_only_where_make_test_asks(monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_FIGURES_AS_TEXT", "1")
    assert _load_config()[0].InlineBackend.figure_formats == set()
    monkeypatch.delenv("CLAIMCHECK_FIGURES_AS_TEXT")
    assert "figure_formats" not in _load_config()[0].InlineBackend  # the build keeps its PNGs
