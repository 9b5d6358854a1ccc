"""`export()`: the file a student uploads, written from the cells their kernel ran.

The cells come in the order they ran, as `check()` judged them, so what was checked is what
is submitted. In Colab the file is also offered as a browser download.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from autograder.errors import UserError
from autograder.extract import extract_definitions, read_code_cells
from autograder.lab import Lab


def _offer_download(path: Path) -> bool:
    """In Colab, start the browser download of `path`; False elsewhere."""
    if "google.colab" not in sys.modules:
        return False
    from google.colab import files  # type: ignore[import-not-found]  # only inside Colab

    files.download(str(path))
    return True


def export_notebook(lab: Lab, cells: list[str] | None, folder: Path | None = None) -> Path:
    """Write `<lab id>.ipynb` with the cells the kernel ran; say where it is and what it holds."""
    import nbformat  # here, not at import: it takes a second to import

    if cells is None:
        raise UserError("export() works inside the lab notebook; from a terminal, upload your .ipynb file itself")
    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    intro = (
        f"# {lab.title}: submission\n\nWritten by `export()` on {stamp}: the code cells this notebook ran, "
        "in the order they ran. This is what `check()` judged and what the grader grades."
    )
    code = [cell for cell in cells if cell.strip()]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell(intro)] + [nbformat.v4.new_code_cell(source) for source in code],
        metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    )
    path = (folder or Path.cwd()) / f"{lab.id}.ipynb"
    path.write_text(nbformat.writes(notebook))
    defined = extract_definitions(read_code_cells(path.name, path.read_bytes())).defined
    where = "your browser is downloading it too; " if _offer_download(path) else ""
    print(f"wrote {path} ({len(code)} cells you ran, {len(defined)} graded names); {where}upload this file to your course's submission page.")
    return path
