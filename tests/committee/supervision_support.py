"""Helpers for the supervision tests: items raised by the committee of the shared two-estate world."""

from committee.supervision.services import Draft, supervision_raise


def draft(**overrides) -> Draft:
    fields = {"subject": "电梯维修拖延", "details": "三号楼电梯停运一周，请物业说明原因和修复时间。"}
    return Draft(**{**fields, **overrides})


def raise_item(world, estate: str = "alpha", **overrides):
    """An item about a pattern raised by the committee member of `estate` (alpha or beta)."""
    member, estate_obj = (
        (world.users["committee"], world.estate_a)
        if estate == "alpha"
        else (world.users["committee_b"], world.estate_b)
    )
    return supervision_raise(actor=member, estate_id=estate_obj.pk, draft=draft(**overrides))
