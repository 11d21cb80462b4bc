"""Two settings for the project's venv, run by make after it installs requirements.txt.

1. Put the repository on the venv's import path, so notebooks, pages and tests
   import ``claimcheck`` from the working tree (an editable install without a
   build step).
2. Give the venv's Jupyter kernels a config file with two settings.
   - It drops one start-up notice.  ipykernel 7 logs "Kernel is running over TCP
     without encryption" at every start; a build starts dozens of kernels, each
     talking only to the process that started it, over 127.0.0.1, with every
     message signed with the key in its connection file.  The notice would fill
     the build's log with the same lines and hide the messages that matter, so
     the filter drops that one message and leaves every other kernel log line alone.
   - Where CLAIMCHECK_FIGURES_AS_TEXT is set (`make test` sets it for nbval), a
     chart is shown as its text line ("<Figure size 700x400 with 1 Axes>") and no
     PNG is made of it.  nbval compares that line but never a chart's PNG, and
     making the PNGs again cost a sixth of nbval's time.  Matplotlib still draws
     each figure after its cell, so a chart that fails to draw still leaves an
     error in the cell's outputs, and nbval fails on it.
"""
import sys
import sysconfig
from pathlib import Path

KERNEL_CONFIG = '''\
# Written by scripts/configure_venv.py: see its docstring for why.
import logging
import os


class _DropUnencryptedTcpNotice(logging.Filter):
    def filter(self, record):
        return "running over TCP without encryption" not in record.getMessage()


logging.getLogger("IPKernelApp").addFilter(_DropUnencryptedTcpNotice())

if os.environ.get("CLAIMCHECK_FIGURES_AS_TEXT"):
    c.InlineBackend.figure_formats = set()
'''

root = Path(__file__).resolve().parent.parent
site = Path(sysconfig.get_paths()["purelib"])
(site / "claimcheck-repo.pth").write_text(f"{root}\n", encoding="utf-8")
print(f"linked {root} into {site}")

# IPython reads <prefix>/etc/ipython/ipython_kernel_config.py in every kernel of this venv.
config = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
config.parent.mkdir(parents=True, exist_ok=True)
config.write_text(KERNEL_CONFIG, encoding="utf-8")
print(f"wrote {config}")
