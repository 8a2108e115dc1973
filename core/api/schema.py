"""drf-spectacular hooks."""

SCHEMA_PREFIXES = ("/api/v1/", "/open311/v2/")


def only_linli_api(endpoints):
    """Keep Wagtail's admin API (and anything else mounted outside Linli's APIs) out of the schema."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(SCHEMA_PREFIXES)]
