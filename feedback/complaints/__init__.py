"""Complaints, suggestions and praise (投诉 / 建议 / 表扬); the flow is documented in workflow.py."""
