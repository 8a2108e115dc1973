"""The owners' committee page (业主委员会) of an estate: what the committee app has published, read live."""
