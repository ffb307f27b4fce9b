"""The one exception a file can fail with: a reason a person can act on."""


class IngestError(Exception):
    """A file that cannot be ingested; ``str(error)`` is the reason, in plain words."""


class Rejected(IngestError):
    """A file that is not a disclosure (an empty file, a web page or scan of something else, a
    notice): turned away with what it is, unlike a disclosure that cannot be read."""
