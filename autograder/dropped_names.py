"""Warn when a kept function or class uses a top-level name that extraction drops.

`gain = 2.0` in a cell and `def he(...): ... gain ...` works in the notebook but raises
NameError when graded, since only imports, definitions and ALL_CAPS constants are kept.
Python's own `symtable` says which names each function reads as globals.
"""

from __future__ import annotations

import ast
import builtins
import symtable
from collections.abc import Callable

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
MAX_WARNINGS = 10


def _assigned_at_top_level(statements: list[ast.stmt]) -> set[str]:
    """Names bound by these statements in the module's own scope (not inside functions)."""
    names: set[str] = set()
    stack: list[ast.AST] = list(statements)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return names


def _globals_read(table: symtable.SymbolTable) -> set[str]:
    """Every global name read inside the functions and classes of a module's symbol table."""
    names: set[str] = set()
    stack = list(table.get_children())
    while stack:
        child = stack.pop()
        names.update(symbol.get_name() for symbol in child.get_symbols() if symbol.is_global() and symbol.is_referenced())
        stack.extend(child.get_children())
    return names


def _final_definitions(kept: list[tuple[ast.stmt, str]]) -> str:
    """The kept code with each function or class only in its last version (later ones win)."""
    last = {node.name: index for index, (node, _) in enumerate(kept) if isinstance(node, _SCOPES[:3])}
    return "\n".join(source for index, (node, source) in enumerate(kept) if last.get(getattr(node, "name", None), index) == index)


def dropped_name_warnings(
    kept: list[tuple[ast.stmt, str]], dropped: list[ast.stmt], is_kept_constant: Callable[[str], object]
) -> list[str]:
    """One line per name a kept definition reads that only a dropped statement defines.
    `kept` pairs each kept statement with its source, in order; `is_kept_constant` is
    extraction's own rule for constant names, used to suggest a spelling it keeps."""
    try:
        table = symtable.symtable(_final_definitions(kept), "submission", "exec")
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return []
    defined = {symbol.get_name() for symbol in table.get_symbols() if symbol.is_assigned() or symbol.is_imported()}
    lost = (_globals_read(table) & _assigned_at_top_level(dropped)) - defined - set(dir(builtins))
    return [
        f"`{name}` is defined at top level; the grader keeps only imports, functions, classes and ALL_CAPS "
        f"constants: move it inside the function or name it "
        f"{name.upper() if is_kept_constant(name.upper()) else 'in capitals (two or more letters)'}"
        for name in sorted(lost)[:MAX_WARNINGS]
    ]
