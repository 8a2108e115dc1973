"""The demo estate behind `manage.py seed_demo`: small, bilingual, and the same on every run."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Channel

from .models import (
    Building,
    CommonArea,
    Estate,
    EstateRole,
    Occupancy,
    Ownership,
    Person,
    Role,
    StaffProfile,
    Trade,
    Unit,
    User,
)

DEMO_PASSWORD = "linli-demo-2026"
# Fixed TOTP keys (hex) so a developer can add the demo staff accounts to an authenticator once.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"

ACCOUNTS = [
    # username, full name, phone, email, role
    ("resident", "王小明", "+8613800000001", "resident@demo.linli", Role.RESIDENT),
    ("tenant", "李华", "+8613800000002", "tenant@demo.linli", Role.RESIDENT),
    ("dispatcher", "赵调度", "+8613800000003", "dispatcher@demo.linli", Role.DISPATCHER),
    ("technician", "钱师傅", "+8613800000004", "technician@demo.linli", Role.TECHNICIAN),
    ("manager", "孙经理", "+8613800000005", "manager@demo.linli", Role.MANAGER),
    ("committee", "周主任", "+8613800000006", "committee@demo.linli", Role.COMMITTEE),
    ("admin", "系统管理员", "+8613800000009", "admin@demo.linli", Role.ADMIN),
]


def _registry():
    estate, _ = Estate.objects.update_or_create(
        slug="cuiyuan", defaults={"name": "翠苑小区", "city": "杭州", "address": "西湖区文一路 100 号"}
    )
    for b in range(1, 4):
        building, _ = Building.objects.get_or_create(estate=estate, name=f"{b}号楼")
        CommonArea.objects.get_or_create(
            estate=estate, building=building, name=f"{b}号楼电梯", defaults={"kind": CommonArea.Kind.LIFT}
        )
        CommonArea.objects.get_or_create(
            estate=estate, building=building, name=f"{b}号楼大堂", defaults={"kind": CommonArea.Kind.LOBBY}
        )
        for floor in range(1, 7):
            for n in (1, 2):
                Unit.objects.get_or_create(
                    building=building,
                    number=f"{floor:02d}{n:02d}",
                    defaults={
                        "estate": estate,
                        "floor": floor,
                        "area": Decimal("89.50") if n == 1 else Decimal("120.25"),
                    },
                )
    CommonArea.objects.get_or_create(
        estate=estate, building=None, name="地下车库", defaults={"kind": CommonArea.Kind.CAR_PARK}
    )
    CommonArea.objects.get_or_create(
        estate=estate, building=None, name="中心花园", defaults={"kind": CommonArea.Kind.GARDEN}
    )
    return estate


def _account(username, full_name, phone, email):
    user, created = User.objects.get_or_create(username=username, defaults={"phone": phone, "email": email})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Person.objects.get_or_create(
        user=user, defaults={"full_name": full_name, "channels": [Channel.IN_APP, Channel.EMAIL]}
    )
    return user


@transaction.atomic
def seed_demo() -> list[tuple[str, str]]:
    """Create or refresh the demo estate and accounts; returns (role, login) pairs."""
    estate = _registry()
    unit = Unit.objects.get(building__estate=estate, building__name="1号楼", number="0101")
    logins = []
    for username, full_name, phone, email, role in ACCOUNTS:
        user = _account(username, full_name, phone, email)
        if role == Role.ADMIN:
            User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
        elif role != Role.RESIDENT:
            EstateRole.objects.get_or_create(user=user, estate=estate, role=role)
        if role in (Role.DISPATCHER, Role.TECHNICIAN, Role.MANAGER):
            profile, _ = StaffProfile.objects.get_or_create(
                user=user,
                defaults={
                    "team": "工程部",
                    "duty_days": [1, 2, 3, 4, 5, 6],
                    "duty_start": "08:00",
                    "duty_end": "18:00",
                },
            )
            if role == Role.TECHNICIAN:
                trades = ["plumbing", "electrical", "carpentry", "lift", "general"]
                profile.trades.set(Trade.objects.filter(key__in=trades))
        if role not in (Role.RESIDENT,):
            TOTPDevice.objects.get_or_create(user=user, name="demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True})
        logins.append((str(role.label), email))
    owner = User.objects.get(username="resident").person
    Ownership.objects.get_or_create(
        person=owner,
        unit=unit,
        defaults={"start": date(2020, 5, 1), "verified_at": timezone.now(), "share": Decimal("1")},
    )
    tenant = User.objects.get(username="tenant").person
    other = Unit.objects.get(building__estate=estate, building__name="2号楼", number="0302")
    Occupancy.objects.get_or_create(
        person=tenant, unit=other, defaults={"kind": Occupancy.Kind.TENANT, "start": date(2024, 3, 1)}
    )
    committee = User.objects.get(username="committee").person
    Ownership.objects.get_or_create(
        person=committee,
        unit=Unit.objects.get(building__estate=estate, building__name="3号楼", number="0601"),
        defaults={"start": date(2019, 1, 1), "verified_at": timezone.now()},
    )
    return logins
