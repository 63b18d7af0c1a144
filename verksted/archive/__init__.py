"""The network archive: a whole network out as documented JSON and back in, the next cycle
started from the last one, and the pages for both."""
from flask import Blueprint

bp = Blueprint("archive", __name__)
