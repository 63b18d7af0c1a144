from flask import Blueprint

bp = Blueprint("gatherings", __name__)

from verksted.gatherings import views  # noqa: E402,F401
