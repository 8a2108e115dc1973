"""Notices (公告): Wagtail pages staff publish per estate, told to the residents they concern when they go live."""
