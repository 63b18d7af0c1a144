from flask import Blueprint

bp = Blueprint("calendar", __name__)

from verksted.calendar import views  # noqa: E402,F401
