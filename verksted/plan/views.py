from verksted.plan import bp  # noqa: F401
from verksted.plan import models  # noqa: F401
