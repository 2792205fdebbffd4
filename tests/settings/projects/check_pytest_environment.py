"""Run by pytest in the build image for the settings tests: the environment it detects.

Not named test_*.py, so that the outer test session does not collect it.
"""

import django
from django.conf import settings


def test_pytest_runs_in_the_test_environment():
    django.setup()
    assert settings.ENVIRONMENT == "test"
