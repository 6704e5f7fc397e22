"""The one exception type a user may see: its message is Vietnamese and says what to do."""


class BdgError(Exception):
    """An error meant for the user; front doors print ``str(err)`` and exit cleanly."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
