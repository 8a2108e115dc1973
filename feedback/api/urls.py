"""/api/v1/ routes of the feedback app; each feature package adds its own list."""

urlpatterns = []
