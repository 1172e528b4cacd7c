"""The user cache: compiled regex programs, parsed TOML and built data load back as they were built,
stale or damaged entries never break a run."""
import re
from array import array

from wenlint import cache, patterns


def reload_programs(monkeypatch):
    """Forget the programs held in memory, so that the next rx() reads the cache file."""
    monkeypatch.setattr(patterns, "_programs", None)


def test_rx_rebuilds_a_pattern_from_its_cached_program(monkeypatch):
    source = r"(?<=、(\w))。(?P<tail>\w+)$"
    first = patterns.rx(source, re.M)
    patterns._save_programs()
    reload_programs(monkeypatch)
    again = patterns.rx(source, re.M)
    assert (source, int(re.M)) in patterns._programs  # it came from the file
    text = "甲、乙。丙丁\n戊"
    assert [m.groupdict() for m in again.finditer(text)] == [m.groupdict() for m in first.finditer(text)]
    assert again.flags == first.flags and again.groupindex == first.groupindex


def test_rx_survives_a_damaged_program_file(monkeypatch):
    patterns._program_file().parent.mkdir(parents=True, exist_ok=True)
    patterns._program_file().write_bytes(b"not marshal data")
    reload_programs(monkeypatch)
    assert patterns.rx(r"\d+").findall("a1b22") == ["1", "22"]


def test_rx_keeps_only_the_well_shaped_programs_of_the_file(monkeypatch):
    import marshal

    key = (r"[cd]+", 0)
    patterns.rx(*key)
    crafted = {key: patterns._load_programs()[key], ("x", 0): compile("1", "x", "eval"),
               ("y", 0): (0, b"", 0, {}, [None]), ("z", 0): (0, b"", 0, {"g": "1"}, (None,))}
    assert cache.write_entry(patterns._program_file(), marshal.dumps(crafted))
    reload_programs(monkeypatch)
    assert set(patterns._load_programs()) == {key}
    assert patterns.rx(*key).findall("acdb") == ["cd"]


def test_rx_survives_a_program_it_cannot_use(monkeypatch):
    reload_programs(monkeypatch)
    nonsense = array(patterns._CODE, [9999]).tobytes()  # opcodes no interpreter has
    patterns._load_programs()[(r"[ab]+", 0)] = (0, nonsense, 0, {}, (None,))
    assert patterns.rx(r"[ab]+").findall("xaby") == ["ab"]


def test_cached_builds_once_and_removes_stale_entries(tmp_path):
    source = tmp_path / "data.txt"
    source.write_text("one", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return {"words": source.read_text(encoding="utf-8")}

    assert cache.cached("unit", [source], build) == {"words": "one"}
    assert cache.cached("unit", [source], build) == {"words": "one"} and len(calls) == 1
    source.write_text("two!", encoding="utf-8")  # changed source: a new key, the old entry goes
    assert cache.cached("unit", [source], build) == {"words": "two!"} and len(calls) == 2
    assert len(list(cache.folder().glob("unit-*"))) == 1


def test_cached_rebuilds_a_damaged_entry(tmp_path):
    source = tmp_path / "data.txt"
    source.write_text("x", encoding="utf-8")
    cache.cached("broken", [source], lambda: [1, 2])
    for entry in cache.folder().glob("broken-*"):
        entry.write_bytes(b"\x00garbage")
    assert cache.cached("broken", [source], lambda: [1, 2]) == [1, 2]


def test_read_toml_parses_and_caches(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('x = 1\n[t]\ny = "二"\n', encoding="utf-8")
    assert cache.read_toml(path) == [{"x": 1, "t": {"y": "二"}}]
    assert cache.read_toml(path) == [{"x": 1, "t": {"y": "二"}}]


def test_read_toml_with_a_date_is_parsed_each_time(tmp_path):
    path = tmp_path / "dated.toml"
    path.write_text("day = 2024-01-02\n", encoding="utf-8")
    assert str(cache.read_toml(path)[0]["day"]) == "2024-01-02"
    assert str(cache.read_toml(path)[0]["day"]) == "2024-01-02"


def test_without_a_home_nothing_is_cached_and_everything_works(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(cache.os.path, "expanduser", lambda p: p)  # as for a user with no home
    reload_programs(monkeypatch)
    assert cache.folder() is None
    assert cache.cached("nohome", [], lambda: {"built": 1}) == {"built": 1}
    assert patterns.rx(r"[甲乙]+").findall("甲乙丙") == ["甲乙"]
    patterns._save_programs()  # nowhere to save: no error


# --- issue 13: the cache holds data only, checked, in a folder of the user's own ---------------

def entry_paths(name):
    return list(cache.folder().glob(f"{name}-*.entry"))


def test_entries_are_checksummed_data_and_a_crafted_one_is_a_miss(tmp_path):
    import marshal

    source = tmp_path / "data.txt"
    source.write_text("x", encoding="utf-8")
    assert cache.cached("plain", [source], lambda: {"a": [1, "二"]}) == {"a": [1, "二"]}
    path, = entry_paths("plain")
    assert path.read_bytes().startswith(cache.MAGIC)
    path.write_bytes(marshal.dumps({"a": "crafted"}))  # no checksum: not an entry
    assert cache.cached("plain", [source], lambda: {"a": [1, "二"]}) == {"a": [1, "二"]}
    code = compile("import os; os.system('echo pwned')", "x", "exec")
    cache.write_entry(path, marshal.dumps({"a": code}))  # a valid checksum over a code object
    assert cache.cached("plain", [source], lambda: {"a": [1, "二"]}) == {"a": [1, "二"]}


def test_a_wrong_shaped_entry_is_a_miss(tmp_path):
    import marshal

    source = tmp_path / "data.txt"
    source.write_text("x", encoding="utf-8")

    def shaped(v):
        return isinstance(v, tuple) and len(v) == 2

    assert cache.cached("shape", [source], lambda: ("a", "b"), shaped) == ("a", "b")
    path, = entry_paths("shape")
    cache.write_entry(path, marshal.dumps([1, 2, 3]))
    assert cache.cached("shape", [source], lambda: ("a", "b"), shaped) == ("a", "b")


def test_no_pickle_is_ever_loaded(tmp_path):
    import pickle

    class Boom:
        def __reduce__(self):
            return (exec, ("raise SystemExit('pickle ran')",))

    for name in ("lookalike-automaton-00000000.pickle", "x.pickle"):
        (cache.folder() / name).write_bytes(pickle.dumps(Boom()))
    from wenlint.checks import ocr_index as ocr

    ocr._automaton.cache_clear()
    assert len(ocr._automaton()[1]) > 1000  # built from the cached index, never unpickled
    ocr._automaton.cache_clear()
    assert len(ocr._automaton()[1]) > 1000


def test_a_folder_others_can_write_is_refused(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    (shared / "wenlint").mkdir(parents=True)
    (shared / "wenlint").chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    assert cache.folder() is None
    assert cache.cached("anything", [], lambda: [1]) == [1]
    assert list((shared / "wenlint").iterdir()) == []


def test_a_symlinked_folder_is_refused(tmp_path, monkeypatch):
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "wenlint").symlink_to(tmp_path / "elsewhere")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    assert cache.folder() is None


def test_a_new_folder_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "new"))
    base = cache.folder()
    assert base is not None and base.parent.name == "wenlint"
    assert base.stat().st_mode & 0o777 == 0o700 and base.parent.stat().st_mode & 0o777 == 0o700


def test_a_planted_symlink_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("root's file", encoding="utf-8")
    path = cache.folder() / "planted-00000000.entry"
    path.symlink_to(victim)
    assert cache.read_entry(path) is None  # never read through a symlink
    assert cache.write_entry(path, b"data")
    assert victim.read_text(encoding="utf-8") == "root's file" and not path.is_symlink()


def test_installs_keep_their_entries_apart(tmp_path, monkeypatch):
    source = tmp_path / "data.txt"
    source.write_text("x", encoding="utf-8")
    mine = cache.folder()
    cache.cached("shared-name", [source], lambda: [1])
    monkeypatch.setattr(cache, "__file__", str(tmp_path / "other-venv" / "wenlint" / "cache.py"))
    cache._checked.clear()
    other = cache.folder()
    assert other != mine and other.parent == mine.parent
    cache.cached("shared-name", [source], lambda: [2])  # another install's entry of the same name
    assert len(list(mine.glob("shared-name-*"))) == 1 and len(list(other.glob("shared-name-*"))) == 1
    cache._checked.clear()


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", fail)
    assert not cache.write_entry(cache.folder() / "failed-00000000.entry", b"data")
    assert not [p for p in cache.folder().iterdir() if p.name.endswith(".tmp")]


def test_a_crafted_regex_program_is_not_used(monkeypatch):
    import marshal

    # a program for "\n" filed under another pattern, written without a checksum
    newline = patterns._sre_compiler._code(patterns._sre_parser.parse("\n", 0), 0)
    crafted = {("[ab]+", 0): (32, [int(c) for c in newline], 0, {}, (None,))}
    patterns._program_file().write_bytes(marshal.dumps(crafted))
    reload_programs(monkeypatch)
    assert patterns.rx("[ab]+").sub("", "a\nb") == "\n"
    cache.write_entry(patterns._program_file(), marshal.dumps({("[ab]+", 0): ("wrong", "types")}))
    reload_programs(monkeypatch)
    assert patterns.rx("[ab]+").sub("", "a\nb") == "\n"


def test_deeply_nested_toml_is_a_value_error(tmp_path):
    import pytest

    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="nested"):
        cache.read_toml(path)
    path.write_text("x = " + "[" * 40 + "]" * 40 + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="nested"):
        cache.read_toml(path)


def test_a_group_span_that_is_not_two_offsets_reads_as_missing():
    packed = cache.pack_groups({"甲": ["一", "二"]}, "\n")
    assert cache.unpack_group(packed, "甲") == "一\n二"
    whole, _ = packed
    for bad in [(0, 999), (5, 2), ("0", "3"), (0,), None, (0, 1)]:
        assert cache.unpack_group((whole, {"甲": bad}), "甲") is None  # (0, 1) cuts a character in two
    assert cache.are_groups(packed) and not cache.are_groups([whole, {}]) and not cache.are_groups((whole, []))


def _described(rules) -> list:
    """Everything a rule holds, as plain values (patterns by their text)."""
    def spec(rule):
        if rule.kind == "substitution":
            return [(*e[:6], {k: (c.pattern, c.where) for k, c in e.conditions.items()}) for e in rule.spec.entries]
        if rule.kind == "pattern":
            s = rule.spec
            return (s.regex.pattern, s.regex.flags, s.replacement, s.translate,
                    {k: (c.pattern, c.where) for k, c in s.conditions.items()})
        return tuple(rule.spec)
    return [(*rule[:10], spec(rule), *rule[11:]) for rule in rules]


def test_the_built_in_rules_read_back_from_the_cache_are_the_rules_the_packs_make(tmp_path, monkeypatch):
    from wenlint.packs import load_rules

    monkeypatch.setattr(cache, "folder", lambda: None)
    made = _described(load_rules())
    monkeypatch.setattr(cache, "folder", lambda: tmp_path)
    assert _described(load_rules()) == made  # built, and written to the cache
    assert list(tmp_path.glob("rules-*.entry"))
    assert _described(load_rules()) == made  # read back


def test_a_rules_entry_of_another_shape_is_built_afresh(tmp_path, monkeypatch):
    from wenlint import packs

    monkeypatch.setattr(cache, "folder", lambda: tmp_path)
    made = _described(packs.load_rules())
    real, crafted = cache.cached, [[[("WL000",) * 3]] * len(packs.builtin_pack_paths())]  # the right outer shape

    def cached(name, sources, build, valid=None):
        return crafted.pop() if name == "rules" and crafted else real(name, sources, build, valid)

    monkeypatch.setattr(cache, "cached", cached)
    assert _described(packs.load_rules()) == made and not crafted
