"""The README's rule table lists every shipped rule, by its code and name, and nothing else."""
import re
from pathlib import Path

from wenlint.packs import load_rules

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_rule_table_matches_the_packs():
    rows = re.findall(r"^\| (WL\d{3}) \| ([a-z0-9-]+) \|", README.read_text(encoding="utf-8"), re.M)
    assert rows == [(r.code, r.name) for r in load_rules()]
