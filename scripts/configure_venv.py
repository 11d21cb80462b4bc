"""Two settings for the project's venv, run by make after it installs requirements.txt.

1. Put the repository on the venv's import path, so notebooks, pages and tests
   import ``claimcheck`` from the working tree (an editable install without a
   build step).
2. Copy scripts/ipython_kernel_config.py where every kernel of the venv reads it
   (its comments say what it sets and why).
"""
import shutil
import sys
import sysconfig
from pathlib import Path

root = Path(__file__).resolve().parent.parent
site = Path(sysconfig.get_paths()["purelib"])
(site / "claimcheck-repo.pth").write_text(f"{root}\n", encoding="utf-8")
print(f"linked {root} into {site}")

# IPython reads <prefix>/etc/ipython/ipython_kernel_config.py in every kernel of this venv.
config = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
config.parent.mkdir(parents=True, exist_ok=True)
shutil.copyfile(root / "scripts" / "ipython_kernel_config.py", config)
print(f"wrote {config}")
