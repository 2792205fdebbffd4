"""Rules that settings must meet whichever module set them: Prefab's defaults, from the
environment variables, or the project's own settings modules.

Each rule raises a one-line ConfigurationError that says where the value came from,
e.g. "ALLOWED_HOSTS" (the variable) or "ALLOWED_HOSTS in shop.settings".
"""

from django.http.request import split_domain_port

from prefab.settings import logs
from prefab.settings.variables import ConfigurationError


def allowed_hosts(hosts: list, where: str):
    """Host names as Django compares them with a request's Host header: a scheme, a
    port, a path or a pattern Django does not know would make every request fail
    while health checks, which skip the comparison, still pass."""
    for host in hosts:
        name = host[1:] if host.startswith(".") else host
        if host != "*" and split_domain_port(name.lower()) != (name.lower(), ""):
            raise ConfigurationError(
                f"{where} has {host!r}: expected host names without scheme, port or "
                "path, in ASCII (IDNA for others), '.example.com' for subdomains, '*' "
                "for any host, and IPv6 addresses in brackets, like [::1]"
            )


def no_debug_when_deployed(debug: bool, environment: str, where: str):
    """Debug pages show settings to anyone who asks, passwords in URLs included."""
    if debug and environment in ("review", "production"):
        raise ConfigurationError(
            f"{where} is true in {environment}: expected false or unset"
        )


def one_of(value, choices: tuple, where: str):
    if value not in choices:
        raise ConfigurationError(
            f"{where} is {value!r}: expected one of {', '.join(choices)}"
        )


def project_values(overrides: dict, settings: dict, environment: str):
    """Hold the settings that the project's modules changed to the rules above.

    overrides maps each such setting to its module, settings holds every value.
    """
    rules = {
        "DEBUG": lambda value, where: no_debug_when_deployed(value, environment, where),
        "ALLOWED_HOSTS": allowed_hosts,
        "LOG_LEVEL": lambda value, where: one_of(value, logs.LEVELS, where),
        "LOG_FORMAT": lambda value, where: one_of(value, logs.FORMATS, where),
    }
    for name, module in overrides.items():
        if name in rules:
            rules[name](settings[name], f"{name} in {module}")
