"""Build instances of frozen dataclasses quickly, for the few places that make 100,000s.

A frozen dataclass's generated ``__init__`` sets each field through ``object.__setattr__``
(about 80 ns a field on this machine's Python 3.11), so a 17-field :class:`Finding` costs
about 1.5 µs to make; a large manifest makes hundreds of thousands of findings, component
summaries and edges. :func:`build` fills the instance's ``__dict__`` in one step instead.
The instance is the same: equal, hashed and frozen like one the constructor made.

Callers of :func:`build` pass every field (defaults are not filled in); a test holds each
call site to the constructor's result, so a field added to a class without updating its
builder fails there. :func:`build_from` takes a dict that may leave out fields with plain
defaults (a manifest's component sets a few of its 22 fields).
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")

_new = object.__new__


def build(cls: type[T], **values: Any) -> T:
    """An instance of the frozen dataclass ``cls`` holding ``values`` (every field)."""
    instance = _new(cls)
    instance.__dict__.update(values)
    return instance


def build_with(cls: type[T], shared: dict[str, Any], **values: Any) -> T:
    """Like :func:`build`, from the fields many instances share plus their own ``values``
    (which win where both give a field)."""
    instance = _new(cls)
    fields = instance.__dict__
    fields.update(shared)
    fields.update(values)
    return instance


def build_from(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the frozen dataclass ``cls`` from a dict of its fields (copied, with
    no keyword arguments made and unpacked: a third of :func:`build`'s cost).

    A field whose default is a plain value may be left out: a dataclass keeps such defaults
    as class attributes, so the field reads as its default, as on an instance the constructor
    made (equal and hashed the same). Fields with no default or a ``default_factory`` must be
    given. ``vars()`` of such an instance lists only the fields given.
    """
    instance = _new(cls)
    instance.__dict__.update(fields)
    return instance
