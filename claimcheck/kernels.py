"""One Jupyter kernel that runs document after document, put back before each one into
the state a fresh kernel starts in.

Starting a kernel and importing pandas, matplotlib and seaborn in it cost about as
much as a chapter's own cells.  The build (claimcheck/execution.py) and nbval in
`make test` (notebooks/conftest.py) therefore keep one kernel per worker process and,
before every document, put back what a fresh kernel has: an empty namespace and
execution counter, the document's folder as the working directory, the project's own
package (claimcheck) not yet imported, the environment variables, ``sys.path``,
matplotlib's settings, pandas' and numpy's display options and the warning filters as
they were at start-up, no open figure, and no warning remembered as already shown.

What a document keeps from the one before are imported third-party modules, which
hold nothing a document sets as long as it uses only the libraries the reset knows:
RESET_COVERS, and Python's own.  A library that changes another's behaviour when
imported or set up (itables changes how pandas displays every table) is not one of
them: the build runs a document that uses one in a fresh kernel (``can_keep_kernel``).
That every chapter also runs on its own, in a fresh kernel, `make test` checks where
the book's users run them (tests/test_environments.py, tests/test_pip_install.py);
nbval compares the outputs of the kept kernels with the committed ones, which `make
notebooks` makes in fresh kernels.
"""

from __future__ import annotations

import asyncio

# The libraries whose state the reset puts back, with Python's own modules and the kernel's (IPython).
RESET_COVERS = {"claimcheck", "matplotlib", "myst_nb", "numpy", "pandas", "seaborn", "IPython"}


def libraries_used(notebook) -> set[str]:
    """The top-level names of the modules a notebook's code cells import."""
    import ast

    used = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        code = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                used.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                used.add(node.module.split(".")[0])
    return used


def can_keep_kernel(notebook) -> bool:
    """Whether ``notebook`` uses only libraries the reset covers, so that it can run in a kept kernel."""
    import sys

    return libraries_used(notebook) <= RESET_COVERS | set(sys.stdlib_module_names)


# Run once in a new kernel.  It records the start-up state and defines the reset;
# both live in builtins, which the namespace reset leaves alone.
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
    from IPython import get_ipython

    rc, printing, filters = dict(matplotlib.rcParams), numpy.get_printoptions(), list(warnings.filters)
    environ, path = dict(os.environ), list(sys.path)

    def reset(folder, variables=None):
        get_ipython().reset(new_session=True)  # the namespace, and the execution counter back to 1
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(environ, **(variables or {}))
        sys.path[:] = path
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


builtins._claimcheck_reset = _define_reset()
del builtins, _define_reset
"""


def reset_code(folder: str, variables: dict[str, str] | None = None) -> str:
    """The code that puts a kernel set up by DEFINE_RESET back into a fresh kernel's state,
    in ``folder``, with ``variables`` added to its start-up environment."""
    return f"_claimcheck_reset({folder!r}, {variables!r})"


class KeptKernel:
    """A kernel kept for one document after another (``run``), each in a fresh kernel's state."""

    def __init__(self, folder: str, kernel_name: str = "python3"):
        from jupyter_client.manager import AsyncKernelManager

        self._loop = asyncio.new_event_loop()
        self.manager = AsyncKernelManager(kernel_name=kernel_name)
        self._loop.run_until_complete(self.manager.start_kernel(cwd=folder))
        self.client = self.manager.client()
        self.client.start_channels()
        self._loop.run_until_complete(self.client.wait_for_ready(timeout=60))
        self._call(DEFINE_RESET)

    def _call(self, code: str) -> None:
        """Execute set-up code silently (no output, no history, no execution count); raise if it failed."""
        reply = self._loop.run_until_complete(self.client.execute_interactive(
            code, silent=True, store_history=False, timeout=60, output_hook=lambda message: None))
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise RuntimeError(f"could not reset the kernel: {content.get('ename')}: {content.get('evalue')}")

    def run(self, notebook, folder: str, timeout: int, variables: dict[str, str] | None = None) -> None:
        """Execute ``notebook`` in place as a fresh kernel started in ``folder`` would; raises as nbclient does."""
        from nbclient import NotebookClient

        self._call(reset_code(folder, variables))
        runner = NotebookClient(notebook, km=self.manager, timeout=timeout, allow_errors=False,
                                record_timing=False, kernel_name=self.manager.kernel_name)
        runner.kc = self.client  # the kept channels: nbclient leaves them and the kernel running
        self._loop.run_until_complete(runner.async_execute())

    def shutdown(self) -> None:
        if self._loop.is_closed():
            return  # already stopped
        self.client.stop_channels()
        self._loop.run_until_complete(self.manager.shutdown_kernel(now=True))
        self._loop.close()
