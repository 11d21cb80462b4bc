"""A setting for the project's venv, run by make after it installs requirements.txt.

Copies scripts/ipython_kernel_config.py where every kernel of the venv reads it
(its comments say what it sets and why).  The data layer itself is an ordinary
package, installed editable by requirements.txt's last line (`-e .`).
"""
import shutil
import sys
import sysconfig
from pathlib import Path

root = Path(__file__).resolve().parent.parent

# A venv made before claimcheck was a package put the repository on the path by hand.
stale = Path(sysconfig.get_paths()["purelib"]) / "claimcheck-repo.pth"
if stale.exists():
    stale.unlink()
    print(f"removed {stale}: claimcheck is now installed as a package")

# IPython reads <prefix>/etc/ipython/ipython_kernel_config.py in every kernel of this venv.
config = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
config.parent.mkdir(parents=True, exist_ok=True)
shutil.copyfile(root / "scripts" / "ipython_kernel_config.py", config)
print(f"wrote {config}")
