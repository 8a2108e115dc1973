"""Shared fixtures: a two-estate world with one user per role, and clients signed in as each."""

import os
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from tests.residents.factories import (
    BuildingFactory,
    EstateFactory,
    EstateRoleFactory,
    OccupancyFactory,
    OwnershipFactory,
    PersonFactory,
    UnitClaimFactory,
    UnitFactory,
    UserFactory,
)

# Hypothesis (SECURITY.md §2): "ci", the default, is small and derandomised so runs repeat exactly; no deadline
# and no too-slow health check, because the 2-core machines are shared and a slow draw there is not a defect.
# HYPOTHESIS_PROFILE=dev explores more, with new random examples each run. Tests asking for more keep theirs.
hypothesis_settings.register_profile(
    "ci", max_examples=25, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.register_profile("dev", max_examples=100, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # throttles and lockouts must not leak between tests
    yield


@dataclass
class World:
    estate_a: object
    estate_b: object
    unit_a: object
    unit_a2: object
    unit_b: object
    users: dict
    claim_a: object
    claim_b: object


STAFF_ROLES = ("dispatcher", "technician", "manager")


@pytest.fixture
def world(db):
    """Estate A and estate B; every role in A, a resident and a committee member in B, and an admin."""
    return world_build()


def world_build() -> World:
    """The `world` fixture's data, for tests that build it themselves (Hypothesis' stateful machines build one
    per example inside the example's transaction)."""
    estate_a, estate_b = EstateFactory(slug="alpha", name="甲小区"), EstateFactory(slug="beta", name="乙小区")
    building_a = BuildingFactory(estate=estate_a, name="1号楼")
    unit_a, unit_a2 = UnitFactory(building=building_a, number="0101"), UnitFactory(building=building_a, number="0102")
    unit_b = UnitFactory(building=BuildingFactory(estate=estate_b, name="1号楼"), number="0101")
    users = {
        "owner": OwnershipFactory(unit=unit_a).person.user,
        "tenant": OccupancyFactory(unit=unit_a).person.user,
        "other_household": OwnershipFactory(unit=unit_b).person.user,
        "newcomer": PersonFactory().user,
    }
    for role in STAFF_ROLES:
        users[role] = EstateRoleFactory(estate=estate_a, role=role).user
    users["committee"] = EstateRoleFactory(estate=estate_a, role="committee").user
    users["committee_b"] = EstateRoleFactory(estate=estate_b, role="committee").user
    users["manager_b"] = EstateRoleFactory(estate=estate_b, role="manager").user
    users["admin"] = UserFactory(is_superuser=True, is_staff=True)
    claim_a = UnitClaimFactory(person=users["newcomer"].person, unit=unit_a2)
    claim_b = UnitClaimFactory(person=PersonFactory(), unit=unit_b)
    return World(estate_a, estate_b, unit_a, unit_a2, unit_b, users, claim_a, claim_b)


@pytest.fixture
def api_as():
    """api_as(user) → an APIClient authenticated as that user (None → anonymous)."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def sign_in_verified(client, user):
    """A browser session past the two-factor step (staff) or simply signed in (residents)."""
    client.force_login(user, backend="residents.auth_backends.PhoneOrEmailBackend")
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def web_as(client):
    def make(user):
        return sign_in_verified(client, user) if user is not None else client

    return make


@pytest.fixture(scope="session", autouse=True)
def _test_broker_folders():
    """The filesystem broker (used when CELERY_BROKER_URL is not set) needs its folders; start empty."""
    import shutil
    from pathlib import Path

    from django.conf import settings

    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "processed_folder"):
        folder = Path(options[key])
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(settings.LINLI_PRIVATE_MEDIA_ROOT, ignore_errors=True)  # this process's photos of earlier runs
