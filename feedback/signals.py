"""Domain signals of the feedback app.

response_submitted(sender=Response, response_id: int)
    Sent inside the submitting transaction once a complete response and all its answers are stored.
    Receivers that write (the score rollups) stay in that transaction, so a figure never counts half a response.
"""

from django.dispatch import Signal

response_submitted = Signal()
