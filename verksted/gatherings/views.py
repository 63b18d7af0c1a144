from verksted.gatherings import bp  # noqa: F401
from verksted.gatherings import models  # noqa: F401
