"""Run by `django-admin test probe` for the settings tests: the environment detected."""

from django.conf import settings
from django.test import SimpleTestCase


class EnvironmentTest(SimpleTestCase):
    def test_manage_py_test_runs_in_the_test_environment(self):
        self.assertEqual(settings.ENVIRONMENT, "test")
