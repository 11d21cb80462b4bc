"""nbval runs the chapters in one kernel per test worker, reset before each chapter.

nbval starts a kernel for every notebook, and starting one and importing pandas,
matplotlib and seaborn in it costs about as much CPU as a chapter's own cells.
Here each pytest worker starts its kernel once and, before every chapter, puts
back what a fresh kernel has: an empty namespace, the notebook's folder as the
working directory, the project's own package (claimcheck) not yet imported,
matplotlib's settings, pandas' and numpy's display options and the warning
filters as they were at start-up, no open figure, and no warning remembered as
already shown.

What a chapter keeps from the one before are imported third-party modules,
which hold nothing a chapter sets.  A chapter that would only run after another
still fails `make test`: the build, which `make test` brings up to date first,
executes every chapter in a fresh kernel of its own and stops on any error.
"""

from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel
from nbval.plugin import IPyNbFile

# Run once in a new kernel.  It records the start-up state and defines the reset;
# both live in builtins, which %reset leaves alone.
DEFINE_RESET = """\
import builtins


def _define_reset():
    import os
    import sys
    import warnings

    import matplotlib
    import matplotlib.pyplot
    import numpy
    import pandas

    rc, printing, filters = dict(matplotlib.rcParams), numpy.get_printoptions(), list(warnings.filters)

    def reset(folder):
        os.chdir(folder)
        for name in [m for m in sys.modules if m == "claimcheck" or m.startswith("claimcheck.")]:
            del sys.modules[name]
        matplotlib.pyplot.close("all")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas warns about options it has deprecated
            matplotlib.rcParams.update(rc)
            pandas.reset_option("all")
        numpy.set_printoptions(**printing)
        warnings.resetwarnings()  # this also forgets which warnings were shown once
        warnings.filters[:] = filters

    return reset


builtins._nbval_reset = _define_reset()
del builtins, _define_reset
"""

RESET = "%reset -f\n_nbval_reset({folder!r})"

_kernels = {}  # this worker's kernels, by kernel name
_nbval_setup, _nbval_teardown = IPyNbFile.setup, IPyNbFile.teardown


def _run(kernel, code, timeout=60):
    """Execute set-up code in the kernel, wait until it is idle, and raise if the code failed."""
    msg_id = kernel.execute_cell_input(code, allow_stdin=False)
    while True:
        message = kernel.get_message("shell", timeout=timeout)
        if message["parent_header"].get("msg_id") == msg_id:
            break
    kernel.await_idle(msg_id, timeout)
    reply = message["content"]
    if reply["status"] != "ok":
        raise RuntimeError(f"could not reset the notebook kernel: {reply['ename']}: {reply['evalue']}")


def _kernel_name(notebook):
    """The kernel nbval itself would start for this notebook."""
    option = notebook.config.option
    if option.nbval_current_env:
        return CURRENT_ENV_KERNEL_NAME
    return option.nbval_kernel_name or notebook.nb.metadata.get("kernelspec", {}).get("name", "python")


def _setup(notebook):
    """Replaces IPyNbFile.setup, which starts a new kernel for every notebook."""
    if getattr(notebook.config.option, "cov_source", None):
        return _nbval_setup(notebook)  # coverage is measured per kernel: nbval's own way
    folder = str(notebook.fspath.dirname)
    name = _kernel_name(notebook)
    kernel = _kernels.get(name)
    if kernel is None or not kernel.is_alive():
        kernel = _kernels[name] = RunningKernel(name, cwd=folder,
                                                startup_timeout=notebook.config.option.nbval_kernel_startup_timeout)
        _run(kernel, DEFINE_RESET)
    _run(kernel, RESET.format(folder=folder))
    notebook.kernel = kernel
    notebook.setup_sanitize_files()


def _teardown(notebook):
    """Replaces IPyNbFile.teardown: the kernel stays for the next chapter, unless a cell timed out."""
    if getattr(notebook.config.option, "cov_source", None):
        return _nbval_teardown(notebook)
    if notebook.timed_out and notebook.kernel is not None and notebook.kernel.is_alive():
        notebook.kernel.stop()  # is_alive() is False from now on: the next chapter starts a new one


def pytest_configure(config):
    IPyNbFile.setup = _setup
    IPyNbFile.teardown = _teardown


def pytest_unconfigure(config):
    for kernel in _kernels.values():
        if kernel.is_alive():
            kernel.stop()
