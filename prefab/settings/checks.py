"""Rules that settings must meet whichever module set them: Prefab's defaults, from the
environment variables, or the project's own settings modules.

Each rule raises a one-line ConfigurationError that says where the value came from,
e.g. "ALLOWED_HOSTS" (the variable) or "ALLOWED_HOSTS in shop.settings".
"""

import re

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.http.request import split_domain_port

from prefab.settings import logs
from prefab.settings.environment import DEPLOYED
from prefab.settings.variables import ConfigurationError, password_masked

# http or https, a host name (after "*." for its subdomains) or an IP address, and maybe
# a port.
ORIGIN = re.compile(
    r"https?://(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:[1-9][0-9]{0,4})?"
)


def strong_secret_key(key, environment: str, where: str):
    """A deployed site's key signs its sessions and password reset links: it must be one
    that Django's deployment checks accept."""
    if not isinstance(key, str) or not key:
        raise ConfigurationError(f"{where} is empty or not text: expected a random key")
    if environment in DEPLOYED and (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ConfigurationError(
            f"{where} is too weak for {environment}: expected a random key of "
            f"{SECRET_KEY_MIN_LENGTH} or more characters, e.g. from "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )


def allowed_hosts(hosts, where: str, environment: str | None = None):
    """Host names as Django compares them with a request's Host header: a scheme, a
    port, a path or a pattern Django does not know, or no host at all where DEBUG is
    off, would make every request fail while health checks, which skip the comparison,
    still pass."""
    strings(hosts, where)
    if not hosts and environment in DEPLOYED:
        raise ConfigurationError(
            f"{where} is empty in {environment}: expected the site's host names"
        )
    for host in hosts:
        name = host[1:] if host.startswith(".") else host
        if host != "*" and split_domain_port(name.lower()) != (name.lower(), ""):
            raise ConfigurationError(
                f"{where} has {password_masked(host)!r}: expected host names "
                "without scheme, port or path, in ASCII (IDNA for others), "
                "'.example.com' for subdomains, '*' for any host, and IPv6 addresses "
                "in brackets, like [::1]"
            )


def trusted_origins(origins, where: str):
    """Origins as Django compares them with a request's Origin header: letter for
    letter, as browsers send them, so anything else would never match."""
    strings(origins, where)
    for origin in origins:
        if not ORIGIN.fullmatch(origin):
            raise ConfigurationError(
                f"{where} has {password_masked(origin)!r}: expected origins with a "
                "scheme and a host, in lower case and ASCII (IDNA for others), and "
                "nothing after the host but a port, like https://example.com or "
                "https://*.example.com"
            )


def no_debug_when_deployed(debug, environment: str, where: str):
    """Debug pages show settings to anyone who asks, passwords in URLs included. A
    string, even "False", would be true."""
    if not isinstance(debug, bool):
        raise ConfigurationError(f"{where} is {debug!r}: expected True or False")
    if debug and environment in DEPLOYED:
        raise ConfigurationError(
            f"{where} is true in {environment}: expected false or unset"
        )


def strings(values, where: str):
    """A list (or tuple) of strings: a bare string would be taken letter by letter."""
    if not isinstance(values, (list, tuple)) or not all(
        isinstance(value, str) for value in values
    ):
        raise ConfigurationError(f"{where} is {values!r}: expected a list of strings")


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
        "SECRET_KEY": lambda value, where: strong_secret_key(value, environment, where),
        "DEBUG": lambda value, where: no_debug_when_deployed(value, environment, where),
        "ALLOWED_HOSTS": lambda value, where: allowed_hosts(value, where, environment),
        "CSRF_TRUSTED_ORIGINS": trusted_origins,
        "LOG_LEVEL": lambda value, where: one_of(value, logs.LEVELS, where),
        "LOG_FORMAT": lambda value, where: one_of(value, logs.FORMATS, where),
    }
    for name, module in overrides.items():
        if name in rules:
            rules[name](settings[name], f"{name} in {module}")
