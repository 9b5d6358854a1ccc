"""reference_store: a lab's slow @reference results kept on disk per lab version and read back, as
the very same values, by the lab's later grading processes."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import numpy as np
import pytest

from autograder import reference_store

HELPERS = '''
import time
from pathlib import Path

import numpy as np

from autograder.testing import reference

CALLS = Path(__file__).parents[3] / "calls.txt"  # outside the lab: the tests folder is the lab version


@reference
def simulation(scale, seconds=0.08):
    """A slow, deterministic reference of every plain kind."""
    with CALLS.open("a") as log:
        log.write(f"{scale}\\n")
    time.sleep(seconds)
    return {"weights": np.full((3, 2), scale, dtype=np.float32), "std": np.float64(scale / 3),
            "layers": (1, 2.5, "relu", None, True), "history": [float("nan"), -0.0]}


@reference
def unkeepable(seconds=0.08):
    time.sleep(seconds)
    return {"seen": {1, 2}}
'''

_imports = itertools.count()


@pytest.fixture
def lab(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("AUTOGRADER_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "labs" / "04_demo"
    (root / "tests" / "public").mkdir(parents=True)
    (root / "lab.toml").write_text('title = "demo"\n')
    (root / "tests" / "public" / "helpers.py").write_text(HELPERS)
    return root


def a_new_process(lab: Path):
    """The helpers module as a new grading process imports it (nothing kept in memory)."""
    path = lab / "tests" / "public" / "helpers.py"
    spec = importlib.util.spec_from_file_location(f"demo_helpers_{next(_imports)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def calls(lab: Path) -> list[str]:
    path = lab.parent / "calls.txt"
    return path.read_text().split() if path.exists() else []


def stored_files(lab: Path) -> list[Path]:
    return sorted((lab.parents[1] / "cache" / "references").rglob("*.frame"))


def test_a_later_process_reads_the_same_value_an_earlier_one_computed(lab):
    computed = a_new_process(lab).simulation(0.5)
    read = a_new_process(lab).simulation(0.5)
    assert calls(lab) == ["0.5"] and len(stored_files(lab)) == 1
    assert reference_store.plain_fingerprint(read) == reference_store.plain_fingerprint(computed)
    assert read["weights"].dtype == np.float32 and type(read["std"]) is np.float64 and type(read["layers"]) is tuple
    read["weights"][:] = 7  # what a test got is its own
    assert np.all(a_new_process(lab).simulation(0.5)["weights"] == 0.5)


def test_other_arguments_are_computed(lab):
    a_new_process(lab).simulation(0.5)
    a_new_process(lab).simulation(0.25)
    assert calls(lab) == ["0.5", "0.25"] and len(stored_files(lab)) == 2


def test_a_changed_lab_test_is_a_new_lab_version(lab):
    a_new_process(lab).simulation(0.5)
    (lab / "tests" / "public" / "test_public.py").write_text("# a test was added\n")
    a_new_process(lab).simulation(0.5)
    assert calls(lab) == ["0.5", "0.5"]


def test_a_quick_reference_is_not_stored(lab):
    a_new_process(lab).simulation(0.5, seconds=0)
    a_new_process(lab).simulation(0.5, seconds=0)
    assert calls(lab) == ["0.5", "0.5"] and stored_files(lab) == []


@pytest.mark.parametrize("damage", ["truncated", "flipped bit", "other value, old digest", "not a frame"])
def test_a_damaged_or_forged_file_is_never_read(lab, damage):
    a_new_process(lab).simulation(0.5)
    [path] = stored_files(lab)
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        data = data[:-5]
    elif damage == "flipped bit":
        data[-1] ^= 1  # the last byte of the last array blob
    elif damage == "other value, old digest":
        forged = reference_store.Encoder()
        body, _ = reference_store.unpack(bytes(data))
        value = {"weights": np.zeros((3, 2), np.float32), "std": np.float64(0), "layers": (1, 2.5, "relu", None, True), "history": [0.0, 0.0]}
        data = reference_store.pack({"value": forged.encode(value), "digest": body["digest"]}, forged.blobs)
    else:
        data = b'{"value": 1}'
    path.write_bytes(bytes(data))
    again = a_new_process(lab).simulation(0.5)
    assert calls(lab) == ["0.5", "0.5"] and np.all(again["weights"] == 0.5)


def test_a_value_that_is_not_plain_data_is_computed_every_time(lab):
    assert a_new_process(lab).unkeepable() == {"seen": {1, 2}}
    assert a_new_process(lab).unkeepable() == {"seen": {1, 2}}
    assert stored_files(lab) == []


def test_an_unwritable_cache_only_costs_the_computation(lab, tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("AUTOGRADER_CACHE", str(tmp_path / "a-file" / "cache"))
    assert a_new_process(lab).simulation(0.5)["std"] == pytest.approx(0.5 / 3)
    assert a_new_process(lab).simulation(0.5)["std"] == pytest.approx(0.5 / 3)
    assert calls(lab) == ["0.5", "0.5"]


def test_a_function_outside_a_lab_has_no_stored_path():
    assert reference_store.stored_path(test_a_function_outside_a_lab_has_no_stored_path, "key") is None
