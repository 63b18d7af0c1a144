from flask import Blueprint

bp = Blueprint("accounts", __name__)

from verksted.accounts import views  # noqa: E402,F401
