"""The exchange app stores the browser's import jobs (the CLI imports directly)."""
from .jobs import ImportJob  # noqa: F401
