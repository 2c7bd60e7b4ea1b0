"""Errors a user can act on. The command line prints them as one line."""


class AnalyticsError(Exception):
    """A problem the user can fix (bad file, unknown name, locked warehouse)."""


class ImportFileError(AnalyticsError):
    """A whole file cannot be imported; nothing of it was written."""

    def __init__(self, file: str, problem: str) -> None:
        self.file = file
        self.problem = problem
        super().__init__(f"{file}: {problem}")


class UnknownValueError(AnalyticsError):
    """A name (table, sector, category, term) is not one of the valid ones."""

    def __init__(self, what: str, value: str, valid: list[str]) -> None:
        self.what = what
        self.value = value
        self.valid = valid
        super().__init__(f"unknown {what} {value!r}; valid: {', '.join(valid)}")
