"""Data a short-lived process keeps until it exits, instead of freeing it object by object.

A check of a 100,000-component manifest frees its intermediate data (the lineage tables, the
project, the decision memos) when the functions that made it return: millions of objects,
freed one at a time, a few tenths of a second. The console script ends with ``os._exit`` as
soon as its output is out, so it asks for such data to be kept (:func:`keep_until_exit`)
and the system takes the memory back at once. In any other process (a library caller, the
tests) :func:`keep` does nothing and lifetimes are as usual.
"""

from __future__ import annotations


class _Kept:
    objects: list[object] | None = None  # a list once the process has asked


def keep_until_exit() -> None:
    """From now on, :func:`keep` keeps what it is given: only for a process that ends with
    ``os._exit`` (memory is never given back before)."""
    _Kept.objects = []


def keep(*objects: object) -> None:
    """Keep ``objects`` alive until the process exits, if it asked for that; else nothing."""
    if _Kept.objects is not None:
        _Kept.objects.extend(objects)
