"""The polls blueprint's views, one module per part of the feature."""
from verksted.polls import models  # noqa: F401
from verksted.polls import views_answer, views_builder, views_presenter, views_results  # noqa: F401
