"""What an import found and did: the report shared by the parser, the plan, the views and the command."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class RowError:
    """One problem: the line in the file, the column (empty for the whole row) and a translated reason."""

    line: int  # as in the file: the header is line 1
    field: str
    message: str


@dataclasses.dataclass
class ImportCounts:
    """What the import created (or, in a dry run, would create)."""

    estates: int = 0
    buildings: int = 0
    units: int = 0
    unchanged_units: int = 0
    people: int = 0
    ownerships: int = 0


@dataclasses.dataclass
class ImportReport:
    """The outcome of an import or a dry run: rows read, every problem, and what was (or would be) created."""

    dry_run: bool = True
    rows: int = 0
    errors: list[RowError] = dataclasses.field(default_factory=list)
    counts: ImportCounts = dataclasses.field(default_factory=ImportCounts)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> bool:
        return self.ok and not self.dry_run

    @property
    def rows_ok(self) -> int:
        bad_lines = {error.line for error in self.errors}
        return 0 if 1 in bad_lines else self.rows - len(bad_lines)  # a bad header spoils every row
