# Settings for every Jupyter kernel of the project's venv.  scripts/configure_venv.py
# copies this file to .venv/etc/ipython/, where IPython reads it at each kernel start.
import logging
import os


# ipykernel 7 logs "Kernel is running over TCP without encryption" at every start.
# A build starts dozens of kernels, each talking only to the process that started
# it, over 127.0.0.1, with every message signed with its connection file's key;
# the same notice on every start would only hide the log lines that matter.  The
# filter drops that one message and leaves every other line alone.
class _DropUnencryptedTcpNotice(logging.Filter):
    def filter(self, record):
        return "running over TCP without encryption" not in record.getMessage()


logging.getLogger("IPKernelApp").addFilter(_DropUnencryptedTcpNotice())

# `make test` sets CLAIMCHECK_FIGURES_AS_TEXT for nbval.  A chart is then shown as
# its text line ("<Figure size 700x400 with 1 Axes>"), which nbval compares, and
# no PNG is made of it: nbval never compares a chart's PNG, and making them again
# cost a sixth of nbval's time.  Matplotlib still draws each figure after its
# cell, so a chart that fails to draw still leaves an error in the cell's
# outputs, and nbval fails on it.  The build makes every PNG.
if os.environ.get("CLAIMCHECK_FIGURES_AS_TEXT"):
    c.InlineBackend.figure_formats = set()  # noqa: F821 (`c` is the config IPython passes in)
