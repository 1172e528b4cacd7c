"""The README's rule table is generated from the packs (tools/rules_table.py) and never drifts."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_rule_table_is_what_the_packs_generate():
    run = subprocess.run([sys.executable, "tools/rules_table.py", "--check"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_the_table_lists_every_shipped_rule_with_the_file_of_its_logic():
    sys.path.insert(0, str(ROOT / "tools"))
    import rules_table
    from wenlint.packs import load_rules

    rows = rules_table.table(load_rules()).splitlines()[2:]
    assert [r.split(" | ")[0].lstrip("| ") for r in rows] == [r.code for r in load_rules()]
    assert all(r.rstrip(" |").endswith(("py`", "toml`")) for r in rows)
