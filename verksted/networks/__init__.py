from flask import Blueprint

bp = Blueprint("networks", __name__)

from verksted.networks import views  # noqa: E402,F401
