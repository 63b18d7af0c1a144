"""The documents blueprint's pages live in the views_* modules, one per part of the workflow."""
from verksted.documents import models  # noqa: F401
from verksted.documents import views_templates  # noqa: F401
from verksted.documents import views_exports  # noqa: F401
from verksted.documents import views_review  # noqa: F401
from verksted.documents import views_requests  # noqa: F401
from verksted.documents import views_workspace  # noqa: F401
