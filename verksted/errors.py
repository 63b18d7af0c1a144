"""The one exception services raise for a request the domain refuses."""


class Refused(Exception):
    """A clear, user-facing reason (already translated) why something cannot be done.

    `field` names the form field the reason belongs to, where there is one.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
