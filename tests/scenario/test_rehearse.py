"""Rehearsal: free moves, reload on save keeping the place, findings on the spot, nothing written."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest

from ovelse.scenario.rehearse import Rehearsal, RehearsalError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diagnostics"
FLAGS = (FIXTURES / "OV224.yaml").read_text(encoding="utf-8")


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000  # a save within the same clock tick still counts
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "øving.yaml"
    path.write_text(FLAGS, encoding="utf-8")
    return path


def test_moves_follow_the_engine_and_jump_anywhere(scenario_file):
    r = Rehearsal.open(scenario_file)
    assert r.node_id == "a"
    r.choose(0)
    assert (r.node_id, r.flags) == ("b", frozenset({"evakuert"}))
    assert [open_ for _, _, open_ in r.choices()] == [True, False, True]
    with pytest.raises(RehearsalError) as exc:
        r.choose(1)
    assert exc.value.code == "rehearse.unavailable" and "ikke tilgjengelig" in exc.value.message
    r.jump("d")  # never reachable under its conditions, but a rehearsal may look at it
    assert (r.node_id, r.flags) == ("d", frozenset({"evakuert"}))
    r.advance()
    assert r.node_id == "c"
    r.back()
    r.back()
    assert (r.node_id, r.flags) == ("b", frozenset({"evakuert"}))
    r.back()
    with pytest.raises(RehearsalError):
        r.back()


def test_reload_keeps_the_place_and_shows_findings_of_a_broken_save(scenario_file):
    r = Rehearsal.open(scenario_file)
    r.choose(0)
    assert not r.changed_on_disk()
    _save(scenario_file, FLAGS.replace("title: Etterpå", "title: Dagen etter"))
    assert r.changed_on_disk()
    assert r.reload() is True
    assert (r.node_id, r.flags, r.node.title) == ("b", frozenset({"evakuert"}), "Dagen etter")

    _save(scenario_file, FLAGS.replace("target: c\n", "target: finnes-ikke\n", 1))
    assert r.reload() is False
    assert r.has_errors and any(f.code == "OV202" and f.line for f in r.findings)
    assert (r.node_id, r.node.title) == ("b", "Dagen etter")  # the last good version goes on

    _save(scenario_file, FLAGS.replace("id: b\n", "id: b2\n").replace("target: b\n", "target: b2\n"))
    assert r.reload() is True
    assert r.node_id == "a" and r.notice is not None and r.notice.code == "rehearse.moved_to_start"


def test_a_file_with_errors_shows_its_findings_and_starts_on_the_first_good_save(tmp_path):
    path = tmp_path / "feil.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    r = Rehearsal.open(path)
    assert not r.ready and r.has_errors
    assert any(f.code == "OV010" and f.line == 2 for f in r.findings)
    with pytest.raises(RehearsalError) as exc:
        r.advance()
    assert exc.value.code == "rehearse.unloadable" and "feil" in exc.value.message
    assert r.reload() is False and not r.ready  # saved again, still broken: keep watching
    _save(path, FLAGS)
    assert r.changed_on_disk() and r.reload() is True
    assert r.ready and r.node_id == "a" and not r.has_errors


def test_a_rehearsal_writes_nothing(scenario_file, tmp_path, monkeypatch):
    monkeypatch.setenv("OVELSE_JOURNAL_DIR", str(tmp_path / "journaler"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    real_open = builtins.open
    writes: list[str] = []

    def guarded_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            writes.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    monkeypatch.setattr(builtins, "open", guarded_open)
    r = Rehearsal.open(scenario_file)
    r.choose(1)
    r.jump("d")
    r.advance()
    r.back()
    r.reload()
    monkeypatch.setattr(builtins, "open", real_open)
    assert writes == []
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_remaining_counts_only_what_can_be_reached(scenario_file):
    """Node d and the choice «Begge deler» can never be reached with the flags: not listed as left to do."""
    r = Rehearsal.open(scenario_file)
    left = r.remaining()
    assert [n.id for n in left.nodes] == ["b", "c"]
    assert [(n.id, j) for n, j, _c in left.choices] == [("a", 0), ("a", 1), ("b", 0), ("b", 2)]
    assert left.objectives == ()  # M1 is exercised in «a», where we are
    assert (left.nodes_total, left.choices_total, left.objectives_total) == (3, 4, 1)
    r.choose(0)
    r.choose(0)
    left = r.remaining()
    assert left.nodes == ()
    assert [(n.id, j) for n, j, _c in left.choices] == [("a", 1), ("b", 2)]
    r.jump("d")  # a jump shows d, but d stays outside what can be reached
    assert "d" in r.visited and r.remaining().nodes == ()


def test_remaining_survives_a_reload_and_forgets_what_is_gone(scenario_file):
    r = Rehearsal.open(scenario_file)
    r.choose(1)
    _save(scenario_file, FLAGS.replace("id: b\n", "id: b2\n").replace("target: b\n", "target: b2\n"))
    r.reload()
    assert r.visited == {"a"} and r.taken == {("a", 1)}
    assert "b2" in {n.id for n in r.remaining().nodes}


def test_stopwatch_per_innspill_and_in_all_with_a_pause():
    from ovelse.scenario.rehearse import Stopwatch

    watch = Stopwatch()
    watch.enter("a", 0.0)
    watch.enter("a", 30.0)  # the same innspill again: the visit goes on
    watch.enter("b", 60.0)
    assert (watch.at("a", 90.0), watch.at("b", 90.0), watch.total(90.0)) == (60.0, 30.0, 90.0)
    watch.toggle_pause(90.0)
    assert watch.total(500.0) == 90.0
    watch.toggle_pause(500.0)
    watch.enter("a", 510.0)
    assert (watch.at("a", 520.0), watch.at("b", 520.0), watch.total(520.0)) == (70.0, 40.0, 110.0)
