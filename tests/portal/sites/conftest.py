import pytest

from portal.sites.services import ensure_estate_home


@pytest.fixture
def homes(world):
    """The home pages of estate A and estate B, each with its notice board, made as every estate tree is."""
    return {"a": ensure_estate_home(world.estate_a), "b": ensure_estate_home(world.estate_b)}
