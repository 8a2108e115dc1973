"""/api/v1/ routes of the committee app; each feature package adds its own list."""

urlpatterns = []
