"""Freezing the electoral roll when a vote is announced (SPC 2009 Art 1, 8, 9; DOMAIN.md §2.2).

Owners are the verified owners on the roll date. Co-owners of a unit are one head (one exclusive part, one
person), and owners linked through shared units merge into one. The developer's person record, and every unit
with no verified owner that day (unsold or undelivered as far as the register knows), make up one head: the
developer. Areas come from the register (Unit.area).
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from residents.access import current
from residents.models import Ownership, Unit

DEVELOPER_KEY = "developer"


@dataclass
class FrozenEntry:
    key: str
    developer: bool
    person_ids: set[int] = field(default_factory=set)
    names: list[str] = field(default_factory=list)
    units: list[tuple[int, str, Decimal]] = field(default_factory=list)

    @property
    def area(self) -> Decimal:
        return sum((area for _, _, area in self.units), Decimal(0))


class _Groups:
    """Union-find over owners ('p<id>') and the developer, joined by the units they share."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        root = self.parent.setdefault(node, node)
        while root != self.parent[root]:
            root = self.parent[root]
        while node != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the developer stays the root, so its group keeps its key
            self.parent[ra if rb == DEVELOPER_KEY else rb] = rb if rb == DEVELOPER_KEY else ra


def roll_build(*, estate_id: int, at: datetime, developer_id: int | None) -> list[FrozenEntry]:
    """The roll of `estate_id` as it stands at `at`: one entry per head, each with its units and areas."""
    day = timezone.localdate(at)
    units = list(Unit.objects.filter(estate_id=estate_id).values_list("pk", "building__name", "number", "area"))
    owners = Ownership.objects.filter(current(day), unit__estate_id=estate_id, verified_at__lte=at)
    held: dict[int, list[tuple[int, str]]] = {}
    for unit_id, person_id, name in owners.values_list("unit_id", "person_id", "person__full_name"):
        held.setdefault(unit_id, []).append((person_id, name))
    groups, names = _Groups(), {}
    unit_head: dict[int, str] = {}
    for unit_id, *_ in units:
        nodes = [DEVELOPER_KEY if pid == developer_id else f"p{pid}" for pid, _ in held.get(unit_id, [])]
        names.update({f"p{pid}": name for pid, name in held.get(unit_id, [])})
        nodes = nodes or [DEVELOPER_KEY]
        for node in nodes:
            groups.union(nodes[0], node)
        unit_head[unit_id] = nodes[0]
    return _entries(units, unit_head, groups, names)


def _entries(units, unit_head, groups, names) -> list[FrozenEntry]:
    members: dict[str, list[int]] = {}
    for node in list(groups.parent):
        if node != DEVELOPER_KEY:
            members.setdefault(groups.find(node), []).append(int(node[1:]))
    entries: dict[str, FrozenEntry] = {}
    for unit_id, building, number, area in units:
        root = groups.find(unit_head[unit_id])
        if root not in entries:
            ids = sorted(members.get(root, []))
            developer = root == DEVELOPER_KEY
            entries[root] = FrozenEntry(
                key=DEVELOPER_KEY if developer else f"owner-{ids[0]}",  # stable: the smallest person id
                developer=developer,
                person_ids=set(ids),
                names=[names[f"p{pid}"] for pid in ids],
            )
        entries[root].units.append((unit_id, f"{building}-{number}", area))
    return sorted(entries.values(), key=lambda e: (not e.developer, e.key))
