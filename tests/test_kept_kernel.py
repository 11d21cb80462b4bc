"""The kept kernel (claimcheck/kernels.py), which the build and nbval run document after
document in: whatever a document changed, the next one runs as in a fresh kernel."""

import os

import nbformat
from nbclient import NotebookClient

from claimcheck.kernels import RESET_COVERS, KeptKernel, can_keep_kernel, libraries_used

# What a document can leave behind in its kernel.
LEAVES_STATE = """\
import os, sys, warnings
import matplotlib.pyplot as plt, numpy as np, pandas as pd, seaborn as sns
import claimcheck
claimcheck.left_behind = True
leftover = 1
os.chdir('..')
os.environ['LEFT_BEHIND'] = '1'
os.environ.pop('HOME', None)
sys.path.insert(0, '/nowhere')
sns.set_theme(style='whitegrid', rc={'figure.dpi': 33})
pd.set_option('display.width', 17)
np.set_printoptions(precision=11)
plt.figure()
warnings.simplefilter('error')
"""

# What the next document sees: printed, so that the kept and the fresh kernel's outputs compare.
PROBES = [
    "import os, sys, warnings\nprint(os.getcwd(), 'leftover' in globals(), 'claimcheck' in sys.modules)",
    "print(sorted(os.environ.items()))\nprint(sys.path)",
    "import matplotlib, matplotlib.pyplot as plt, numpy as np, pandas as pd\n"
    "print(sorted((k, repr(v)) for k, v in matplotlib.rcParams.items()))\n"
    "print(pd.get_option('display.width'), np.get_printoptions(), plt.get_fignums())\n"
    "print(warnings.filters)",
    "import claimcheck\nprint(hasattr(claimcheck, 'left_behind'))\nget_ipython().execution_count",
]


def _notebook(*sources):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])


def test_a_document_after_another_runs_as_in_a_fresh_kernel(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    variables = {"CLAIMCHECK_TEST_VARIABLE": "set for this document"}

    kept = KeptKernel(str(first))
    try:
        kept.run(_notebook(LEAVES_STATE), str(first), timeout=60)
        after_another = _notebook(*PROBES)
        kept.run(after_another, str(second), timeout=60, variables=variables)
    finally:
        kept.shutdown()

    fresh = _notebook(*PROBES)
    NotebookClient(fresh, timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(second)}}).execute(env={**os.environ, **variables})

    assert "set for this document" in after_another.cells[1].outputs[0]["text"]
    for index, (kept_cell, fresh_cell) in enumerate(zip(after_another.cells, fresh.cells)):
        assert kept_cell.execution_count == fresh_cell.execution_count, f"cell {index}"
        assert kept_cell.outputs == fresh_cell.outputs, f"cell {index}"


def test_a_document_using_a_library_the_reset_does_not_cover_gets_a_fresh_kernel():
    covered = _notebook("%matplotlib inline\nimport os\nimport pandas as pd\nfrom IPython.display import HTML",
                        "from claimcheck.pages import show_source_page\nimport seaborn.objects as so")
    assert can_keep_kernel(covered)
    assert not can_keep_kernel(_notebook("import pandas as pd", "from itables import init_notebook_mode"))
    assert not can_keep_kernel(_notebook("import pandas as pd", "import itables.options as opt"))


def test_every_chapter_runs_in_a_kept_kernel():
    """nbval runs every chapter in a kept kernel too, and compares its outputs with the
    committed ones, made in fresh kernels by `make notebooks`."""
    from claimcheck.tables import REPO_ROOT

    chapters = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
    assert chapters
    refused = {path.name: sorted(libraries_used(nbformat.read(path, as_version=4)) - RESET_COVERS)
               for path in chapters if not can_keep_kernel(nbformat.read(path, as_version=4))}
    assert not refused, refused
