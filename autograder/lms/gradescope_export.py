"""Gradescope's "Export Submissions": one `submission_<id>/` folder per submission and a
`submission_metadata.yml` that names each folder's submitters (name, SID, email) and its
creation time. The metadata is read within a size bound and with aliases refused; a group
submission counts for its first submitter (the others are named with it)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import yaml

from autograder.lms.layouts import Identity
from autograder.safe_text import plain

METADATA_NAME = "submission_metadata.yml"
MAX_METADATA_BYTES = 20 * 1024 * 1024
_RUBY_TIME = re.compile(r"(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.\d{1,12})?\s*(Z|[+-]\d\d:?\d\d)?")


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loading without anchors and aliases (no exponential documents)."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not allowed in submission metadata")
        return super().compose_node(parent, index)


def _time(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    match = _RUBY_TIME.fullmatch(str(value).strip())
    if not match:
        return None
    zone = match[3] or ""
    zone = "+00:00" if zone == "Z" else zone if ":" in zone or not zone else f"{zone[:3]}:{zone[3:]}"
    return datetime.fromisoformat(f"{match[1]}T{match[2]}{zone}")


def _text(record: dict, key: str) -> str:
    value = record.get(f":{key}", record.get(key, ""))
    return plain(str(value if value is not None else "").strip(), 200)


def _identity(record: object) -> Identity | None:
    if not isinstance(record, dict):
        return None
    submitters = record.get(":submitters", record.get("submitters"))
    people = [person for person in submitters if isinstance(person, dict)] if isinstance(submitters, list) else []
    if not people:
        return None
    first = people[0]
    sid, email, name = _text(first, "sid"), _text(first, "email"), _text(first, "name")
    others = [_text(person, "name") for person in people[1:]]
    key = sid or email.casefold() or name
    if not key:
        return None
    return Identity(
        "gradescope", f"gradescope:{key}", sid, "" if name else email.split("@")[0],
        name + (f" (with {', '.join(others)})" if others else ""),
        submitted_at=_time(record.get(":created_at", record.get("created_at"))),
    )


def read_metadata(folder: Path) -> dict[str, Identity] | None:
    """Folder name -> identity from `folder/submission_metadata.yml`, or None when there is none
    (or it cannot be read: every folder is then graded under its own name)."""
    path = folder / METADATA_NAME
    if path.is_symlink() or not path.is_file():
        return None
    with path.open("rb") as handle:
        data = handle.read(MAX_METADATA_BYTES + 1)
    if len(data) > MAX_METADATA_BYTES:
        return None
    try:
        document = yaml.load(data.decode("utf-8", "replace"), Loader=_NoAliasLoader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if not isinstance(document, dict):
        return None
    identities = {}
    for name, record in list(document.items())[:100_000]:
        identity = _identity(record)
        if identity is not None:
            identities[str(name).lstrip(":")] = identity
    return identities
