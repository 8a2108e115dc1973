"""Domain signals of the repairs app. Higher apps (feedback, committee) connect to these; repairs never
imports them.

work_order_confirmed(sender=WorkOrder, order_id: int, automatic: bool)
    Sent inside the confirming transaction when a resident (or the auto-confirm sweep) confirms a fix.
    The reporters of duplicates merged into the order (WorkOrder.duplicates) follow it and get its survey.
    Receivers that write must stay in that transaction; side effects go through the outbox.
work_order_reopened(sender=WorkOrder, order_id: int)
    Sent when a completed or confirmed order is reopened, or a finished one (closed too) on the owners'
    committee's spot check (committee_reopen); it then counts against first-time fix.
"""

from django.dispatch import Signal

work_order_confirmed = Signal()
work_order_reopened = Signal()
