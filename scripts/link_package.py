"""Put the repository on the venv's import path, so notebooks, pages and tests
import ``claimcheck`` from the working tree (an editable install without a build step)."""
import sysconfig
from pathlib import Path

root = Path(__file__).resolve().parent.parent
site = Path(sysconfig.get_paths()["purelib"])
(site / "claimcheck-repo.pth").write_text(f"{root}\n", encoding="utf-8")
print(f"linked {root} into {site}")
