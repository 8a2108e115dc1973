"""Incidents (outages): one fault over many homes at once, such as water off for building 3.

Dispatchers and managers declare, update and end them (services); the residents of the homes affected see
them on their home page and on the report form, and are told when one is declared and when it ends (a Celery
fan-out through the outbox); a new report it covers joins it instead of waiting in the queue (selectors hold
the coverage rules, repairs.services.work_order_submit makes the move).
"""
