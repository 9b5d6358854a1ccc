"""What grading produces: plain dataclasses, stored as JSON (never pickled)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder.atomic_write import write_text_atomically

PASSED = "passed"


@dataclass
class TestResult:
    name: str
    question: str
    visibility: str  # "public" or "hidden"
    category: str  # passed, failed, error, not-implemented, missing, timeout, crashed, grader-error
    message: str = ""
    hint: str = ""
    points: float = 0.0
    max_points: float = 0.0
    duration_s: float = 0.0

    @property
    def passed(self) -> bool:
        return self.category == PASSED


@dataclass
class Misconception:
    """A known mistake the answers of a failed question match (see autograder.diagnosis)."""

    id: str  # the lab's mutant it matched
    functions: list[str]  # the graded functions that mistake is in
    text: str  # the lab's own sentence on the mistake: never text from the submission or the tests' inputs

    @property
    def verb(self) -> str:
        return "behaves" if len(self.functions) <= 1 else "behave"

    def statement(self) -> str:
        """Plain text: Your `adam_step` behaves like a classic mistake: ..."""
        names = ", ".join(f"`{name}`" for name in self.functions) or "code"
        return f"Your {names} {self.verb} like a classic mistake: {self.text}"


@dataclass
class QuestionResult:
    id: str
    title: str
    score: float
    max_score: float
    misconceptions: list[Misconception] = field(default_factory=list)


@dataclass
class SubmissionResult:
    student: str
    lab: str
    lab_version: str
    status: str  # graded, unreadable, syntax-error, wrong-lab, missing-function, crashed, timeout, grader-error
    status_message: str
    score: float
    max_score: float
    questions: list[QuestionResult] = field(default_factory=list)
    tests: list[TestResult] = field(default_factory=list)
    source_name: str = ""
    sha256: str = ""
    tests_sha256: str = ""  # the lab's tests and metadata it was graded with (Lab.tests_sha256)
    submitter: dict[str, str] = field(default_factory=dict)  # the LMS identity its file name carries (Identity.as_record)
    duration_s: float = 0.0
    student_code_s: float = 0.0  # of duration_s, what the worker spent in the submission's code (protocol.busy)
    notes: list[str] = field(default_factory=list)
    environment: dict[str, str] = field(default_factory=dict)  # device, tensorflow and python versions

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "SubmissionResult":
        data = json.loads(text)
        data["questions"] = [
            QuestionResult(**{**q, "misconceptions": [Misconception(**m) for m in q.get("misconceptions", [])]}) for q in data["questions"]
        ]
        data["tests"] = [TestResult(**t) for t in data["tests"]]
        return cls(**data)

    def save(self, path: Path) -> None:
        """Write atomically, so an interrupted run never leaves half a file."""
        write_text_atomically(path, self.to_json())
