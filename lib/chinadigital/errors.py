"""One root exception, so callers (the CLI, the build) can catch everything the
suite raises on purpose and tell it apart from bugs."""

from __future__ import annotations

from dataclasses import dataclass


class ChinadigitalError(Exception):
    """Root of every error the suite raises deliberately."""


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place in the dataset.

    Kept as data (not just a string) so tests and tools can assert on the file,
    line and field instead of parsing messages.
    """

    file: str
    line: int | None
    field: str | None
    rule: str
    value: str | None = None
    detail: str = ""
    severity: str = "error"  # "warning": reported, but the dataset still loads

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.field:
            parts.append(f"field '{self.field}'")
        parts.append(f"[{self.rule}]")
        if self.severity != "error":
            parts.insert(0, f"{self.severity}:")
        text = " ".join(parts)
        if self.detail:
            text += f" {self.detail}"
        if self.value is not None:
            text += f" (value: {self.value!r})"
        return text


class DataValidationError(ChinadigitalError):
    """The dataset broke one or more rules; carries every problem found."""

    def __init__(self, problems: list[Problem], data_dir: str = ""):
        self.problems = list(problems)
        self.data_dir = data_dir
        head = f"{len(self.problems)} problem(s) in the dataset"
        if data_dir:
            head += f" at {data_dir}"
        lines = [head + ":"] + [f"  {p}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  ... and {len(self.problems) - 50} more")
        super().__init__("\n".join(lines))


class DataNotFoundError(ChinadigitalError):
    """No dataset folder where one was expected."""


class QueryError(ChinadigitalError):
    """A query named something the dataset does not have (indicator, entity, currency...)."""


class ParameterError(ChinadigitalError):
    """A notebook parameter broke its contract."""


class ChartContractError(ChinadigitalError):
    """A chart was asked to show what its data cannot honestly show (mixed units, mixed series)."""


class StatedFormError(ChinadigitalError, ValueError):
    """A figure's stated form (how its source writes it) cannot be read as a number."""


class PlanError(ChinadigitalError):
    """reports.toml, or the parameters it gives a notebook, break a rule; carries every problem found."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in {source}:\n  " + "\n  ".join(problems))


class BuildLocked(ChinadigitalError):
    """Another build holds the output folder."""


class ClusterError(ChinadigitalError):
    """The scheduler cannot be reached, or its workers cannot run this build."""


class NotebookError(ChinadigitalError):
    """A report notebook failed while running: carries the cell (execution count and index) and the error,
    which the batch records for the index and a job result carries back from any executor."""

    def __init__(self, notebook: str, cell: int | None, cell_index: int | None, ename: str, evalue: str):
        self.notebook, self.cell, self.cell_index, self.ename, self.evalue = notebook, cell, cell_index, ename, evalue
        super().__init__(f"{notebook}: cell {cell}: {ename}: {evalue}")

    def as_dict(self) -> dict:
        return {"cell": self.cell, "cell_index": self.cell_index, "ename": self.ename, "evalue": self.evalue}
