"""The book's data layer: validated tables and computed verdicts.

The names below are imported on first use (PEP 562): the build's light steps import
:mod:`claimcheck.execution` or :mod:`claimcheck.locations` without loading pandas and
Frictionless, which :mod:`claimcheck.tables` needs.
"""

import importlib

_EXPORTS = {
    "DATA_DIR": "claimcheck.tables", "DataError": "claimcheck.tables", "load_table": "claimcheck.tables",
    "resource_names": "claimcheck.tables", "validate_all": "claimcheck.tables",
    "validate_table": "claimcheck.tables", "VERDICTS": "claimcheck.verdicts", "Verdict": "claimcheck.verdicts",
    "format_number": "claimcheck.verdicts", "judge": "claimcheck.verdicts",
    "qualifier_of": "claimcheck.verdicts", "rounding_tolerance": "claimcheck.verdicts",
}
__all__ = list(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *_EXPORTS})
