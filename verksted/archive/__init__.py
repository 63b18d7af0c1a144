"""The network archive: a whole network out as documented JSON and back in, the next cycle
started from the last one, and the pages for both."""
from flask import Blueprint

bp = Blueprint("archive", __name__)

from verksted.archive.checks import ArchiveRefused  # noqa: E402
from verksted.archive.export import archive_bytes, export_network  # noqa: E402
from verksted.archive.importing import import_archive  # noqa: E402
from verksted.archive.schema import FORMAT_VERSION, build_schema  # noqa: E402

__all__ = ["ArchiveRefused", "FORMAT_VERSION", "archive_bytes", "build_schema", "export_network", "import_archive"]

from verksted.archive import views  # noqa: E402,F401  (the pages register on bp)
