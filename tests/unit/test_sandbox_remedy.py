"""When bubblewrap cannot start, the one line says which setting or container flag to change,
and a grading image's entry point refuses to grade (unless told the code is trusted)."""

from __future__ import annotations

import pytest

from autograder.docker import preflight
from autograder.sandbox import remedy as remedy_module
from autograder.sandbox.remedy import remedy

IN_CONTAINER_ERRORS = {
    "bwrap: Can't mount proc on /newroot/proc: Operation not permitted": (False, "unmask=/proc/*"),
    "bwrap: loopback: Failed RTM_NEWADDR: No child processes": (True, "--cap-add NET_ADMIN"),
    "bwrap: Creating new namespace failed: Operation not permitted": (True, "no --user 0"),
    "bwrap: Unexpected capabilities but not setuid, old file caps config?": (False, "drop the --cap-add"),
}


@pytest.fixture
def container(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Inside a container whose /proc files are the returned dict (path -> text)."""
    files: dict[str, str] = {"/proc/self/status": "Name:\tpython\nSeccomp:\t2\n"}
    monkeypatch.setattr(remedy_module, "in_container", lambda: True)
    monkeypatch.setattr(remedy_module, "_read", lambda path: files.get(path, ""))
    return files


@pytest.mark.parametrize("error", sorted(IN_CONTAINER_ERRORS))
def test_each_bubblewrap_failure_in_a_container_names_its_flag(container, error):
    as_root, flag = IN_CONTAINER_ERRORS[error]
    assert flag in remedy(error, as_root)


def test_a_docker_seccomp_profile_blocking_user_namespaces_is_named(container):
    assert "seccomp=unconfined" in remedy("bwrap: No permissions to create new namespace", as_root=False)


def test_host_settings_come_before_container_flags(container):
    container["/proc/sys/kernel/apparmor_restrict_unprivileged_userns"] = "1"
    assert "apparmor=unconfined" in remedy("bwrap: setting up uid map: Permission denied", as_root=False)
    container["/proc/sys/user/max_user_namespaces"] = "0"
    assert "user.max_user_namespaces" in remedy("bwrap: Creating new namespace failed: Operation not permitted", as_root=False)


def test_outside_a_container_no_container_flag_is_suggested(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(remedy_module, "in_container", lambda: False)
    for error in IN_CONTAINER_ERRORS:
        assert "--security-opt" not in remedy(error, as_root=True) and "--cap-add SYS" not in remedy(error, as_root=True)
    assert remedy("bwrap: something new", as_root=False) == "are user namespaces enabled?"


def test_preflight_refuses_in_one_line_naming_the_flag(monkeypatch: pytest.MonkeyPatch, capsys):
    problem = "bubblewrap failed: bwrap: Can't mount proc; add --security-opt unmask=/proc/* (Podman)"
    monkeypatch.setattr(preflight, "sandbox_problem", lambda: problem)
    assert preflight.main(["04", "/submissions", "--out", "/out"]) == preflight.REFUSED
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("refusing to grade") and "unmask=/proc/*" in lines[0] and "--no-sandbox" in lines[0]


def test_preflight_lets_trusted_mode_and_help_through_without_trying_the_sandbox(monkeypatch: pytest.MonkeyPatch):
    def must_not_run() -> str:
        raise AssertionError("the sandbox was tried")

    monkeypatch.setattr(preflight, "sandbox_problem", must_not_run)
    for arguments in ([], ["--help"], ["04", "/submissions", "--out", "/out", "--no-sandbox"]):
        assert preflight.main(arguments) == 0


def test_preflight_passes_where_the_sandbox_starts(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(preflight, "sandbox_problem", lambda: None)
    assert preflight.main(["04", "/submissions", "--out", "/out"]) == 0


def _tmp_options(arguments: list[str]) -> list[str]:
    end = arguments.index("/tmp")
    return arguments[arguments.index("1777") - 1:end + 1]


@pytest.mark.parametrize("version, sized", [((0, 6, 1), False), ((0, 7, 0), True), ((0, 8, 0), True)])
def test_tmp_is_sized_only_where_bubblewrap_knows_size(monkeypatch: pytest.MonkeyPatch, tmp_path, version, sized):
    """bubblewrap 0.6 (Ubuntu 22.04, Gradescope's base) refuses `--perms ... --size ... --tmpfs`."""
    from autograder.sandbox import bwrap

    monkeypatch.setattr(bwrap, "bwrap_version", lambda: version)
    options = _tmp_options(bwrap.bwrap_args([], tmp_path, as_root=True))
    assert options == ["--perms", "1777", *(["--size", str(bwrap.TMP_SIZE_BYTES)] if sized else []), "--tmpfs", "/tmp"]


def test_a_bubblewrap_too_old_for_an_option_is_named(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(remedy_module, "in_container", lambda: True)
    assert "bubblewrap 0.8 or newer" in remedy("bwrap: Unknown option --disable-userns", as_root=False)
