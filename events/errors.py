class DomainError(Exception):
    """A business rule refused a change; the message is shown to the user as is.

    `fields` maps input names to their messages when the refusal is about particular
    values (forms show them on the fields, the API as `fields` of its error)."""

    def __init__(self, message, *, code: str = "invalid", fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.fields = fields or {}
