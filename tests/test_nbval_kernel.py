"""nbval's shared kernel (notebooks/conftest.py): the reset before each chapter puts back
what a fresh kernel has, whatever the chapter before it changed."""

import builtins
import importlib.util
import os
import sys
import warnings

from claimcheck.tables import REPO_ROOT


def _reset_function():
    """The reset as the kernel defines it, run here in the test process instead."""
    spec = importlib.util.spec_from_file_location("notebook_kernel", REPO_ROOT / "notebooks" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exec(module.DEFINE_RESET, {})
    return builtins.__dict__.pop("_nbval_reset")


def _project_modules():
    return {name: module for name, module in sys.modules.items() if name == "claimcheck" or name.startswith("claimcheck.")}


def test_the_reset_puts_back_a_fresh_kernels_state(tmp_path):
    import matplotlib  # here, not at the top: every test worker imports this file, few run it
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    import seaborn as sns

    reset = _reset_function()
    folder, rc, filters = os.getcwd(), dict(matplotlib.rcParams), list(warnings.filters)
    width, precision = pd.get_option("display.width"), np.get_printoptions()["precision"]
    project = _project_modules()
    assert project, "claimcheck is not imported: the test would prove nothing about dropping it"
    try:
        # what a chapter leaves behind
        os.chdir(tmp_path)
        sns.set_theme(style="whitegrid", rc={"figure.dpi": 33})
        pd.set_option("display.width", width + 17)
        np.set_printoptions(precision=precision + 2)
        warnings.simplefilter("error")
        plt.figure()

        reset(folder)

        assert os.getcwd() == folder
        assert dict(matplotlib.rcParams) == rc
        assert pd.get_option("display.width") == width
        assert np.get_printoptions()["precision"] == precision
        assert warnings.filters == filters
        assert plt.get_fignums() == []
        assert _project_modules() == {}, "the next chapter would get this chapter's claimcheck"
    finally:  # whatever failed, the rest of this worker's tests get the process as it was
        sys.modules.update(project)
        os.chdir(folder)
        matplotlib.rcParams.update(rc)
        pd.set_option("display.width", width)
        np.set_printoptions(precision=precision)
        plt.close("all")
