"""Turn a submission into a module of its graded definitions, without running anything.

Kept from each code cell: imports, function and class definitions, and ALL_CAPS
constants of two or more characters. Everything else at top level (training, plots,
demos, prints) is dropped, so a notebook that trains for minutes or whose demo cell
raises still grades in seconds. A constant whose value raises (it used a dropped demo
variable, say) is skipped at import rather than failing it. A cell with a syntax error
is skipped whole and reported, and so is the notebook's setup cell (the one that calls
`lab_tools("<lab>")`: it installs and imports the checker, which grading does not need).
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field

from autograder.dropped_names import dropped_name_warnings

_CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9_]+$|^__all__$")  # single letters (X, W, H) are data, not constants
_CELL_MARKER = re.compile(r"^# %%")
_IPYTHON_SYNTAX = re.compile(r"^[ \t]*[%!]|\?[ \t]*$", re.MULTILINE)  # [ \t], not \s: \s spans lines (quadratic)
_PYTHON_CELL_MAGICS = {"%%time", "%%timeit", "%%capture", "%%prun"}
MAX_JSON_DEPTH = 64
MAX_CELLS = 5000
MAX_CELL_CHARS = 200_000
MAX_IPYTHON_CELL_CHARS = 20_000  # IPython's transformer is super-linear and can raise: bounded, with a fallback
_MAGIC_OR_HELP_LINE = re.compile(r"^([ \t]*+)(?:[%!].*|.*\?[ \t]*+)$", re.MULTILINE)


class UnreadableSubmission(Exception):
    """The file is not a notebook or Python source we can read."""


@dataclass
class Extraction:
    module_source: str
    defined: list[str] = field(default_factory=list)
    syntax_errors: list[str] = field(default_factory=list)
    dropped_names: list[str] = field(default_factory=list)  # kept code reads a name only dropped code defines
    declared_lab: str | None = None  # from the notebook's setup cell, `lab_tools("<lab>")` or `checker("<lab>")`


def read_code_cells(filename: str, content: bytes) -> list[str]:
    """The code cells of a notebook, or the `# %%` cells of a .py file (one cell if none)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableSubmission(f"{filename} is not UTF-8 text") from None
    if filename.endswith(".ipynb"):
        return notebook_cells(filename, _notebook_code(filename, text))
    if filename.endswith(".py"):
        return _bounded(filename, _split_percent_cells(text))
    raise UnreadableSubmission(f"{filename}: unsupported file type; submit the .ipynb notebook or a .py export")


def notebook_cells(filename: str, sources: list[str]) -> list[str]:
    """Code cell sources as grading reads them: bounded in number, IPython syntax made inert.
    The in-notebook checker passes the cells the kernel ran, so it sees what `grade` sees."""
    return [_strip_magics(source) for source in _bounded(filename, sources)]


def _depth(document: object) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(document, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_JSON_DEPTH:
            children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
            stack += [(child, depth + 1) for child in children]
    return deepest


def _notebook_code(filename: str, text: str) -> list[str]:
    """The sources of a notebook's code cells, once its JSON and its cells' types are checked."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise UnreadableSubmission(f"{filename} is not a notebook (not valid JSON); re-download it from Jupyter") from None
    if _depth(document) > MAX_JSON_DEPTH:
        raise UnreadableSubmission(f"{filename} is nested more than {MAX_JSON_DEPTH} levels deep: not a Jupyter notebook")
    if isinstance(document, dict) and "worksheets" in document:  # nbformat 3: let nbformat convert it
        import nbformat  # only here: importing it takes over a second (its JSON schema checker)

        try:
            document = nbformat.reads(text, as_version=4)
        except Exception as error:  # nbformat raises several types for malformed notebooks
            raise UnreadableSubmission(f"{filename} is not a valid notebook: {type(error).__name__}") from None
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
        raise UnreadableSubmission(f"{filename} is not a valid notebook (no list of cells); re-download it from Jupyter")
    sources = []
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise UnreadableSubmission(f"{filename} is not a valid notebook: cell {number} has no text source; re-download it from Jupyter")
        sources.append(source)
    return sources


def _bounded(filename: str, cells: list[str]) -> list[str]:
    if len(cells) > MAX_CELLS:
        raise UnreadableSubmission(f"{filename} has {len(cells)} code cells (at most {MAX_CELLS}); submit the lab notebook")
    return cells


def _split_percent_cells(text: str) -> list[str]:
    cells: list[list[str]] = [[]]
    for line in text.splitlines():
        if _CELL_MARKER.match(line):
            cells.append([])
        cells[-1].append(line)
    return ["\n".join(lines) for lines in cells if any(line.strip() for line in lines)]


def _strip_magics(source: str) -> str:
    """Turn IPython syntax (%magic, !shell) into plain Python calls, which extraction drops.

    A cell under a Python cell magic (%%time, %%capture, ...) keeps its code; a cell in
    another language (%%bash, %%writefile, ...) is not Python and is dropped.
    """
    first, _, rest = source.lstrip().partition("\n")
    if first.startswith("%%"):
        return _strip_magics(rest) if first.split()[0] in _PYTHON_CELL_MAGICS else ""
    if len(source) > MAX_CELL_CHARS or not _IPYTHON_SYNTAX.search(source):
        return source  # an over-long cell is skipped by extraction anyway
    if len(source) <= MAX_IPYTHON_CELL_CHARS:
        from IPython.core.inputtransformer2 import TransformerManager

        try:
            return TransformerManager().transform_cell(source)
        except Exception:  # it gives up on some inputs ("still changing after 500 iterations")
            pass
    return _MAGIC_OR_HELP_LINE.sub(r"\1pass", source)  # linear: magic and help lines become `pass`


def _is_constant_assignment(node: ast.stmt) -> bool:
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets = [node.target]
    else:
        return False
    return all(isinstance(t, ast.Name) and _CONSTANT_NAME.match(t.id) for t in targets)


def _is_import_block(node: ast.stmt) -> bool:
    """`try: import x / except ImportError: ...`, kept when it only imports."""
    if not isinstance(node, ast.Try):
        return False
    parts = node.body + [s for h in node.handlers for s in h.body] + node.orelse + node.finalbody
    return all(
        isinstance(s, (ast.Import, ast.ImportFrom, ast.Pass))
        or (isinstance(s, ast.Assign) and all(isinstance(t, ast.Name) for t in s.targets))
        for s in parts
    )


def _guarded(node: ast.stmt) -> ast.stmt:
    """`NAME = value` becomes `try: NAME = value / except Exception: pass`."""
    if not _is_constant_assignment(node):
        return node
    return ast.Try(body=[node], handlers=[ast.ExceptHandler(type=ast.Name("Exception", ast.Load()), name=None, body=[ast.Pass()])], orelse=[], finalbody=[])


def _is_kept(node: ast.stmt) -> bool:
    return (
        isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        or _is_constant_assignment(node)
        or _is_import_block(node)
    )


def _names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


_SETUP_CALLS = {"lab_tools": True, "checker": False}  # the setup call, and whether its cell is skipped whole


def _setup_call(node: ast.stmt) -> str | None:
    """`lab_tools` or `checker` when the statement is `... = lab_tools("04_weight_init", ...)`."""
    call = node.value if isinstance(node, ast.Assign) else None
    if not (isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Constant)):
        return None
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
    return name if name in _SETUP_CALLS else None


def _declared_lab(node: ast.stmt) -> str | None:
    """The lab named by the notebook's setup call (`check, check_all, export = lab_tools("04_weight_init")`;
    older notebooks: `check = checker("04_weight_init")`)."""
    if _setup_call(node) is None:
        return None
    lab = node.value.args[0].value  # type: ignore[attr-defined]  # _setup_call checked the shape
    return lab if isinstance(lab, str) and re.fullmatch(r"[\w.-]{1,100}", lab) else None


def extract_definitions(cells: list[str]) -> Extraction:
    """Build the graded module from code cells, in order; later definitions win."""
    future: list[ast.stmt] = []
    kept: list[ast.stmt] = []
    dropped: list[ast.stmt] = []
    declared_lab: str | None = None
    errors: list[str] = []
    for number, source in enumerate(cells, start=1):
        if len(source) > MAX_CELL_CHARS:
            errors.append(f"code cell {number} is longer than {MAX_CELL_CHARS} characters (the whole cell was skipped)")
            continue
        try:
            tree = ast.parse(source)
        except SyntaxError as error:
            errors.append(f"code cell {number}, line {error.lineno}: {error.msg} (the whole cell was skipped)")
            continue
        except (RecursionError, MemoryError, ValueError):
            errors.append(f"code cell {number} is nested too deeply to parse (the whole cell was skipped)")
            continue
        setup = next((node for node in tree.body if _SETUP_CALLS.get(_setup_call(node) or "")), None)
        if setup is not None:
            declared_lab = declared_lab or _declared_lab(setup)
            continue
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                future.append(node)
            elif _is_kept(node):
                kept.append(node)
            else:
                dropped.append(node)
                declared_lab = declared_lab or _declared_lab(node)
    units: list[tuple[ast.stmt, str]] = []
    names: set[str] = set()
    for node in future + kept:
        try:
            units.append((node, ast.unparse(ast.fix_missing_locations(_guarded(node)))))
        except (RecursionError, MemoryError):
            errors.append(f"a definition at line {getattr(node, 'lineno', '?')} is nested too deeply and was skipped")
            continue
        names.update(_names(node))
    module_source = "\n".join(source for _, source in units) + "\n"
    return Extraction(module_source, sorted(names), errors, dropped_name_warnings(units, dropped, _CONSTANT_NAME.match), declared_lab)
