"""The one exception a file can fail with: a reason a person can act on."""


class IngestError(Exception):
    """A file that cannot be ingested; ``str(error)`` is the reason, in plain words."""
