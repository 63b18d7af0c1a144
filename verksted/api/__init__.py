from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from verksted.api import models  # noqa: E402,F401
from verksted.api import views  # noqa: E402,F401
