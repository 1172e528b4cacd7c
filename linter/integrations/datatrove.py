"""A datatrove pipeline block (``pip install ".[datatrove]"``): lint, fix or drop documents.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from wenlint.integrations.datatrove import Wenlint

    LocalPipelineExecutor(pipeline=[JsonlReader("raw/"), Wenlint(fix=True, drop_spun=True),
                                    JsonlWriter("clean/")], tasks=4).run()
"""
from __future__ import annotations

from datatrove.pipeline.base import PipelineStep

from wenlint.api import Linter
from wenlint.corpus import KEY, records

SPUN = "WL190"  # machine-spun-document: the whole document went through a synonym spinner


class Wenlint(PipelineStep):
    """Puts wenlint's diagnostics in ``doc.metadata["wenlint"]`` (as ``--jsonl`` does: the records of the
    JSON output); with ``fix``, replaces ``doc.text`` by the fixed text and adds ``"fixed"``; with
    ``drop_spun``, drops documents that wenlint finds machine-spun (WL190, before any fix).
    ``linter`` defaults to ``Linter()``; it travels to the tasks as its configuration."""

    name = "wenlint"
    type = "🔻 - FILTER"

    def __init__(self, linter: Linter | None = None, fix: bool = False, unsafe: bool = False,
                 drop_spun: bool = False):
        super().__init__()
        self.linter = linter or Linter()
        self.fix, self.unsafe, self.drop_spun = fix, unsafe, drop_spun

    def run(self, data, rank: int = 0, world_size: int = 1):
        for doc in data or ():
            with self.track_time():
                if self.fix:
                    outcome = self.linter.fix(doc.text, unsafe=self.unsafe)
                    found, left, text = outcome.found, outcome.remaining, outcome.text
                else:
                    found = left = self.linter.lint(doc.text)
                    text = doc.text
            self.stat_update("problems", value=len(found))
            if self.drop_spun and any(d.code == SPUN for d in found):
                self.stat_update("dropped_spun")
                continue
            doc.metadata[KEY] = {"diagnostics": records(text, left)}
            if self.fix:
                doc.metadata[KEY]["fixed"] = len(outcome.applied)
                if text != doc.text:
                    self.stat_update("fixed")
                    doc.text = text
            self.stat_update("forwarded")
            yield doc
