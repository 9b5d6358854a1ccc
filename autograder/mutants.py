"""The wrong-answer set: mutant submissions built from the solution by replacing definitions."""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import UserError
from autograder.lab import Lab

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class Mutant:
    name: str
    path: Path
    loses: tuple[str, ...]
    why: str


def load_mutants(lab: Lab) -> list[Mutant]:
    """Read `solutions/<lab>/mutants.toml`; every mutant names existing questions."""
    index = lab.solution_dir / "mutants.toml"
    if not index.is_file():
        return []
    try:
        entries = tomllib.loads(index.read_text()).get("mutant", [])
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"{index} is not valid TOML: {error}") from None
    known = {q.id for q in lab.questions}
    mutants = []
    for entry in entries:
        path = index.parent / "mutants" / str(entry.get("file", ""))
        loses = tuple(entry.get("loses", []))
        if not path.is_file() or not loses or not set(loses) <= known:
            raise UserError(f"{index}: mutant {entry.get('file')!r} needs an existing file and 'loses' from {sorted(known)}")
        mutants.append(Mutant(path.stem, path, loses, str(entry.get("why", ""))))
    return mutants


def _defined(module: ast.Module) -> list[str]:
    """The names of a module's top-level functions and classes, in order."""
    return [node.name for node in module.body if isinstance(node, _DEFINITIONS)]


def replaced_names(solution_module: str, mutant_source: str) -> list[str]:
    """The solution's definitions a mutant replaces (the functions its mistake is in)."""
    defined = set(_defined(ast.parse(solution_module)))
    return [name for name in _defined(ast.parse(mutant_source)) if name in defined]


def mutate(solution_module: str, mutant_source: str, where: str = "mutant") -> str:
    """The solution module with the mutant's definitions in place of the same-named ones
    (new helper definitions are appended). A mutant that replaces nothing is a broken wrong
    answer (a typo such as `sofmax` would make it the solution): UserError naming its line."""
    solution, mutant = ast.parse(solution_module), ast.parse(mutant_source)
    replacements = {node.name: node for node in mutant.body if isinstance(node, _DEFINITIONS)}
    imports = [node for node in mutant.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    body = [replacements.get(node.name, node) if isinstance(node, _DEFINITIONS) else node for node in solution.body]
    replaced = set(_defined(solution))
    if not replaced & set(replacements):
        first = next(iter(replacements.values()), None)
        line = f":{first.lineno}" if first else ""
        defines = f"it defines {', '.join(sorted(replacements))}, which the solution does not (a typo?)" if replacements else "it defines nothing"
        raise UserError(f"{where}{line}: this mutant replaces no definition of the solution; {defines}")
    future = [node for node in body if isinstance(node, ast.ImportFrom) and node.module == "__future__"]
    rest = [node for node in body if node not in future]
    added = [node for name, node in replacements.items() if name not in replaced]
    module = ast.Module(body=future + imports + rest + added, type_ignores=[])
    return ast.unparse(ast.fix_missing_locations(module)) + "\n"
