"""The permission matrix's scene (objects of both estates, tests/test_permission_matrix.py) for security tests."""

from tests.test_permission_matrix import scene  # noqa: F401 (a fixture, used by name)
