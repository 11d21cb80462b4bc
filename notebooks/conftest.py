"""nbval runs the chapters in one kernel per test worker, reset before each chapter.

nbval starts a kernel for every notebook, and starting one and importing pandas,
matplotlib and seaborn in it costs about as much CPU as a chapter's own cells.
Here each pytest worker starts its kernel once and, before every chapter, puts
back what a fresh kernel has (claimcheck/kernels.py says what, and where `make
test` still runs every chapter in a fresh kernel of its own).
"""

from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel
from nbval.plugin import IPyNbFile

from claimcheck.kernels import DEFINE_RESET, reset_code

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
    _run(kernel, reset_code(folder))
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
