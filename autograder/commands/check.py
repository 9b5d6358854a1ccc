"""`check LAB [NOTEBOOK]`: a student runs the public tests on their notebook, in this process."""

from __future__ import annotations

from pathlib import Path

from autograder.errors import UserError
from autograder.extract import UnreadableSubmission, read_code_cells
from autograder.lab import find_lab


def main(lab_name: str, notebook: Path | None = None, question: str | None = None) -> int:
    lab = find_lab(lab_name)
    if question is not None:
        lab.question(question)
    path = notebook or lab.notebook_path
    if not path.is_file():
        raise UserError(f"{path} does not exist; pass the notebook you are working on")
    try:
        cells = read_code_cells(path.name, path.read_bytes())
    except UnreadableSubmission as error:
        raise UserError(str(error)) from None
    from autograder.local_check import check_definitions, graded_namespace  # after the arguments are checked
    from autograder.quiet_tensorflow import import_tensorflow_quietly

    import_tensorflow_quietly()
    namespace, notes, import_error = graded_namespace(cells, path.name)
    return 0 if check_definitions(lab, namespace, notes, import_error, question) else 1
