"""wenlint on Dask: lint or fix a bag of documents on a cluster (``pip install ".[dask]"``).

    >>> import dask.bag as db
    >>> from wenlint.integrations.dask import lint_bag
    >>> lint_bag(db.from_sequence(["坚持原那么。"]), fix=True).compute()[0]["text"]
    '坚持原则。'

The :class:`wenlint.Linter` travels to the workers as its configuration and is built once per
worker process (its rules are loaded on first use there, then kept), whatever the number of
partitions.
"""
from __future__ import annotations

from wenlint.api import Linter
from wenlint.corpus import KEY, annotate


def lint_bag(bag, linter: Linter | None = None, *, text_field: str | None = None, fix: bool = False,
             unsafe: bool = False):
    """A bag of results, one per document of ``bag``.

    A document is a string, or with ``text_field`` a dict holding the text in that field. A string
    becomes ``{"text": ..., "diagnostics": [...]}`` (and ``"fixed"`` with ``fix``); a dict comes back
    with the result under ``"wenlint"`` and, with ``fix``, the fixed text in its field.
    ``linter`` defaults to ``Linter()``, the built-in rules with the default selection.
    """
    return bag.map_partitions(_partition, linter or Linter(), text_field, fix, unsafe)


def _partition(documents, linter: Linter, text_field: str | None, fix: bool, unsafe: bool) -> list:
    out = []
    for doc in documents:
        if text_field is None:
            text, result = annotate(linter, doc, fix, unsafe)
            out.append({"text": text, **result})
        else:
            text, result = annotate(linter, doc[text_field], fix, unsafe)
            out.append({**doc, text_field: text, KEY: result})
    return out
