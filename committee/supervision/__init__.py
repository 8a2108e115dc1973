"""Supervision items (督办): the committee raises a matter, the company answers by a deadline, the committee closes
or reopens it, and may publish it to residents."""
