"""The README's rule table, generated from the packs: ``python tools/rules_table.py`` rewrites it,
``--check`` exits 1 when the README has drifted (the test suite runs that)."""
from __future__ import annotations

import sys
from pathlib import Path

from wenlint.model import FIX_RANK
from wenlint.packs import load_rules, logic_location

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN, END = "<!-- rules-table -->", "<!-- /rules-table -->"


def fix_column(rule) -> str:
    """The declared fix, and what its entries lower it to (a check decides per case, up to the maximum)."""
    if rule.fix == "none":
        return "— (report only)"
    if rule.kind == "substitution":
        kinds = sorted({e.fix for e in rule.spec.entries}, key=FIX_RANK.get, reverse=True)
        return " / ".join(kinds) + (" by entry" if len(kinds) > 1 else "")
    return rule.fix if rule.kind == "pattern" else f"up to {rule.fix}"


def logic(rule) -> str:
    """The file that holds the rule's logic: its check's module, or its pack."""
    if rule.kind == "check":
        return "`" + logic_location(rule).rsplit(":", 1)[0] + "`"
    return f"`rules/{Path(rule.pack).name}`"


def table(rules) -> str:
    rows = ["| code | name | category | fix | logic |", "|---|---|---|---|---|"]
    for r in rules:
        rows.append(f"| {r.code} | {r.name} | {r.category} | {fix_column(r)} | {logic(r)} |")
    return "\n".join(rows)


def rewritten(readme: str, rules) -> str:
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{table(rules)}\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = rewritten(text, load_rules())
    if "--check" in argv:
        if new != text:
            print("README.md's rule table differs from the packs: run python tools/rules_table.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
