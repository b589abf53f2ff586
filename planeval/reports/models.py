"""The reports app stores its background export jobs."""
from .jobs import ExportJob  # noqa: F401
