"""wenlint on Dask (a LocalCluster of two worker processes) and as a datatrove pipeline block, end
to end. Each needs its extra (``pip install -e ".[test,dask,datatrove]"``, as the README's set-up
command does); without it the tests are skipped, saying so."""
from __future__ import annotations

import json

import pytest

from conftest import DAMAGED, REPAIRED, ROOT

import wenlint

SPUN = (ROOT / "seeds" / "002_3f41271ab36d6c34.txt").read_text(encoding="utf-8")  # WL190 fires on it
DOCS = [DAMAGED, REPAIRED, "打造“窗口，树立形象。", "坚持原那么。"] * 8


def test_dask_bag_on_a_local_cluster_builds_the_linter_once_per_worker(tmp_path):
    pytest.importorskip("dask.bag", reason='needs the dask extra: pip install -e ".[dask]"')
    distributed = pytest.importorskip("distributed", reason='needs the dask extra: pip install -e ".[dask]"')
    import dask.bag as db

    from wenlint.integrations.dask import lint_bag

    linter = wenlint.Linter(ignore=["WL3"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(tmp_path)) as cluster, distributed.Client(cluster) as client:
        bag = db.from_sequence(DOCS, npartitions=8)
        results = lint_bag(bag, linter, fix=True).compute()
        records = lint_bag(bag.map(lambda t: {"text": t, "n": 1}), linter, text_field="text").compute()

        def linters_built():
            from wenlint import runner

            return len(runner._LINTERS)

        built = client.run(linters_built)
    assert [r["text"] for r in results] == [linter.fix(t).text for t in DOCS]
    assert results[0] == {"text": "同志们:根据区委的安排,坚持原则。\n", "diagnostics": [], "fixed": 1}
    assert [[d["code"] for d in r["wenlint"]["diagnostics"]] for r in records] == \
        [[d.code for d in linter.lint(t)] for t in DOCS]
    assert records[0]["n"] == 1 and records[0]["text"] == DAMAGED
    assert sorted(built.values()) == [1, 1]  # two workers, each built one linter for eight partitions


def test_datatrove_block_fixes_annotates_and_drops_spun_documents(tmp_path):
    pytest.importorskip("datatrove", reason='needs the datatrove extra: pip install -e ".[datatrove]"')
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from wenlint.integrations.datatrove import Wenlint

    (tmp_path / "raw").mkdir()
    with open(tmp_path / "raw" / "part.jsonl", "w", encoding="utf-8") as f:
        for id, text in (("damaged", DAMAGED), ("spun", SPUN), ("clean", REPAIRED)):
            f.write(json.dumps({"id": id, "text": text}, ensure_ascii=False) + "\n")
    LocalPipelineExecutor(pipeline=[JsonlReader(str(tmp_path / "raw"), compression=None),
                                    Wenlint(fix=True, drop_spun=True),
                                    JsonlWriter(str(tmp_path / "out"), compression=None)],
                          tasks=1, logging_dir=str(tmp_path / "logs")).run()
    [output] = (tmp_path / "out").glob("*.jsonl")
    out = {r["id"]: r for r in map(json.loads, output.read_text(encoding="utf-8").splitlines())}
    assert set(out) == {"damaged", "clean"}
    assert out["damaged"]["text"] == REPAIRED
    assert out["damaged"]["metadata"]["wenlint"] == {"diagnostics": [], "fixed": 3}
    assert out["clean"]["metadata"]["wenlint"] == {"diagnostics": [], "fixed": 0}
