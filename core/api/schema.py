"""drf-spectacular hooks."""


def only_linli_api(endpoints):
    """Keep Wagtail's admin API (and anything else mounted outside /api/v1/) out of the schema."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
