class ScoringInputError(ValueError):
    """Every problem of a scoring input at once: {"location": "message"}."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{where}: {what}" for where, what in problems.items()))
