"""Look up each of pybtex's plugins once a build.

sphinxcontrib-bibtex asks pybtex for its styles at every citation, and pybtex finds
each one by scanning the entry points of every installed package: some 120 scans a
build, two seconds of each edition's.  The installed packages do not change while a
build runs, so each scan's result is remembered; plugins registered at run time are
still looked up first, as pybtex does.
"""

import functools

import pybtex.plugin

_scan = pybtex.plugin.entry_points


@functools.lru_cache(maxsize=None)
def _entry_points(group, name):
    return tuple(_scan(group=group, name=name))


def setup(app):
    pybtex.plugin.entry_points = lambda group, name: _entry_points(group, name)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
