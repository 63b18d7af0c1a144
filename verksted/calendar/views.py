from verksted.calendar import bp  # noqa: F401
from verksted.calendar import models  # noqa: F401
