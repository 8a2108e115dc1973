"""Per-estate page trees: the company home, one home page per estate, the sections each estate tree holds,
and who may edit an estate's pages in the Wagtail admin."""
