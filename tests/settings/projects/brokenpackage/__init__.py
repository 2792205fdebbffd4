import a_module_nobody_installed  # noqa: F401 - the failure under test
