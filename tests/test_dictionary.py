"""The dictionaries as a specification, codespell-style (the spinning pack, rules/spinning.toml, in
particular).

- Entries of every substitution rule of every pack are sorted by ``wrong``, then by their conditions, so a reviewer
  finds an entry where they expect it and a diff shows what changed.
- No two entries of a rule have the same ``wrong`` and the same conditions.
- No chains: fixing must not produce text that an unconditional safe entry rewrites again.
- Every spinner pair seen so far (shared/corpus/dev-pairs.tsv) is covered by some entry.
- Nothing in the pack fires on the clean documents of the development corpus.
"""
from pathlib import Path

import pytest

from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.model import Entry
from wenlint.packs import load_pack, load_rules

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "rules" / "spinning.toml"
SHARED = ROOT.parent / "shared"
PAIRS = SHARED / "corpus" / "dev-pairs.tsv"
DEV = SHARED / "corpus" / "dev"

CONDITION_KEYS = ("before", "after", "not_before", "not_after")

RULES = load_pack(PACK)
SUBSTITUTIONS = [r for r in RULES if r.kind == "substitution"]
ENTRIES = [(rule, e) for rule in SUBSTITUTIONS for e in rule.spec.entries]
EVERY_SUBSTITUTION = [r for r in load_rules() if r.kind == "substitution"]  # all shipped packs


def conditions(entry: Entry) -> tuple[str, ...]:
    """The entry's context conditions as written, in a fixed key order ('' where absent)."""
    conds = entry.conditions
    return tuple(conds[k].pattern if k in conds else "" for k in CONDITION_KEYS)


def sort_key(entry: Entry) -> tuple:
    return (entry.wrong, *conditions(entry))


def test_pack_is_all_spinning():
    assert RULES and all(r.category == "spinning" for r in RULES)


@pytest.mark.parametrize("rule", EVERY_SUBSTITUTION, ids=lambda r: r.code)
def test_entries_are_sorted_by_wrong_then_conditions(rule):
    entries = list(rule.spec.entries)
    expected = sorted(entries, key=sort_key)
    assert [e.wrong for e in entries] == [e.wrong for e in expected], "entries not sorted by wrong"
    assert [sort_key(e) for e in entries] == [sort_key(e) for e in expected], "same wrong: sort by conditions"


@pytest.mark.parametrize("rule", EVERY_SUBSTITUTION, ids=lambda r: r.code)
def test_no_duplicate_entries(rule):
    seen = set()
    for e in rule.spec.entries:
        key = (e.wrong, conditions(e))
        assert key not in seen, f"{rule.code}: duplicate entry for {e['wrong']!r} with the same conditions"
        seen.add(key)


def test_no_entry_maps_a_form_to_itself():
    for rule, e in [(r, e) for r in EVERY_SUBSTITUTION for e in r.spec.entries]:
        assert e.wrong != e.right, f"{rule.code}: {e['wrong']!r} → itself"


def test_no_chains():
    """A fix must not write a form that an unconditional safe entry (of any pack) rewrites again."""
    unconditional = {e.wrong: rule.code for rule in load_rules() if rule.kind == "substitution"
                     for e in rule.spec.entries if e.fix == "safe" and not e.conditions
                     and e.context is None}
    for rule, e in [(r, e) for r in EVERY_SUBSTITUTION for e in r.spec.entries]:
        for wrong, code in unconditional.items():
            assert wrong not in e.right, (
                f"{rule.code}: fixing {e['wrong']!r} writes {e['right']!r}, which {code} rewrites ({wrong!r})")


def _pairs() -> list[tuple[str, str]]:
    out = []
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            right, wrong = line.split("\t")[:2]
            out.append((right.strip(), wrong.strip()))
    return out


@pytest.mark.skipif(not PAIRS.exists(), reason="shared/corpus/dev-pairs.tsv is absent (no ../shared beside the repo)")
def test_every_seen_pair_is_covered():
    """Each right→wrong pair is undone by some entry: the entry's wrong form with the pair's wrong
    part put back is the entry's right form (原那么→原则 covers 则→那么)."""
    missing = [(right, wrong) for right, wrong in _pairs()
               if not any(wrong in e.wrong and e.wrong.replace(wrong, right) == e.right
                          for _, e in ENTRIES)]
    assert not missing, f"pairs with no entry: {missing}"


CLEAN = sorted(DEV.glob("clean*.txt")) if DEV.exists() else []


@pytest.mark.skipif(not CLEAN, reason="no clean documents in shared/corpus/dev (no ../shared beside the repo)")
@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_silent_on_clean_documents(path):
    """The clean documents are the repaired seeds: any hit of the dictionary there is a false alarm.
    All rules run, so the view is repaired as in real use; only this pack's diagnostics count."""
    codes = {r.code for r in RULES}
    linter = Linter(load_rules(), Settings())
    hits = [d for d in linter.lint(path.read_text(encoding="utf-8"), str(path)) if d.code in codes]
    text = path.read_text(encoding="utf-8")
    assert not hits, [(d.code, text[max(0, d.start - 8):d.end + 8]) for d in hits]
