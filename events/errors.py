class DomainError(Exception):
    """A business rule refused a change; the message is shown to the user as is."""

    def __init__(self, message, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code
