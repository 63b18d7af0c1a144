"""(to be written)"""
from verksted.polls import bp  # noqa: F401
