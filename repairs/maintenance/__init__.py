"""Planned maintenance (巡检): recurring plans on shared equipment that generate work orders on schedule, each
with a checklist the technician completes.

recurrence.py  the pure date arithmetic          models.py     plans, checklist templates, runs, order checklists
services.py    plan edits, generation, ticking   checklist.py  the completion rule (used by work_order_complete)
selectors.py   scoped reads                      forms.py / views.py  the managers' pages and the order-page checklist
"""
