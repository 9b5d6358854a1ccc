"""Replace nbgrader-style solution regions with a student placeholder."""

from __future__ import annotations

import re

from autograder.errors import UserError

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
_BEGIN = re.compile(r"^(\s*)### BEGIN SOLUTION\s*$")
_END = re.compile(r"^\s*### END SOLUTION\s*$")


def strip_solutions(source: str, where: str = "cell") -> str:
    """Each BEGIN/END SOLUTION region becomes `# YOUR CODE HERE` + `raise NotImplementedError`."""
    output: list[str] = []
    indent: str | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        begin, end = _BEGIN.match(line), _END.match(line)
        if begin:
            if indent is not None:
                raise UserError(f"{where}, line {number}: nested '{BEGIN_SOLUTION}'; close the first region")
            indent = begin.group(1)
            output += [f"{indent}# YOUR CODE HERE", f'{indent}raise NotImplementedError("Replace this line with your code.")']
        elif end:
            if indent is None:
                raise UserError(f"{where}, line {number}: '{END_SOLUTION}' without a matching begin")
            indent = None
        elif indent is None:
            output.append(line)
    if indent is not None:
        raise UserError(f"{where}: '{BEGIN_SOLUTION}' is never closed by '{END_SOLUTION}'")
    return "\n".join(output)


def solution_lines(source: str) -> list[str]:
    """The lines inside solution regions (what must never reach students)."""
    lines, inside = [], False
    for line in source.splitlines():
        if _BEGIN.match(line):
            inside = True
        elif _END.match(line):
            inside = False
        elif inside:
            lines.append(line)
    return lines
