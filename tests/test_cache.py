"""The user cache: compiled regex programs, parsed TOML and built data load back as they were built,
stale or damaged entries never break a run."""
import re

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


def test_rx_survives_a_program_it_cannot_use(monkeypatch):
    reload_programs(monkeypatch)
    patterns._load_programs()[(r"[ab]+", 0)] = (0, [9999], 0, {}, (None,))  # nonsense opcodes
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
