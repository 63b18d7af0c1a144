from flask import Blueprint

bp = Blueprint("polls", __name__)

from verksted.polls import views  # noqa: E402,F401
