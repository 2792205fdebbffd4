"""Rules that settings must meet whichever module set them: Prefab's defaults, from the
environment variables, or the project's own settings modules.

Each rule raises a one-line ConfigurationError that says where the value came from,
e.g. "ALLOWED_HOSTS" (the variable) or "ALLOWED_HOSTS in shop.settings".
"""

from urllib.parse import urlsplit

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.http.request import split_domain_port

from prefab.settings import logs
from prefab.settings.variables import ConfigurationError

DEPLOYED = ("review", "production")


def strong_secret_key(key, environment: str, where: str):
    """A deployed site's key signs its sessions and password reset links: it must be one
    that Django's deployment checks accept."""
    if environment in DEPLOYED and (
        not isinstance(key, str)
        or len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ConfigurationError(
            f"{where} is too weak for {environment}: expected a random key of "
            f"{SECRET_KEY_MIN_LENGTH} or more characters, e.g. from "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )


def allowed_hosts(hosts, where: str):
    """Host names as Django compares them with a request's Host header: a scheme, a
    port, a path or a pattern Django does not know would make every request fail
    while health checks, which skip the comparison, still pass."""
    strings(hosts, where)
    for host in hosts:
        name = host[1:] if host.startswith(".") else host
        if host != "*" and split_domain_port(name.lower()) != (name.lower(), ""):
            raise ConfigurationError(
                f"{where} has {host!r}: expected host names without scheme, port or "
                "path, in ASCII (IDNA for others), '.example.com' for subdomains, '*' "
                "for any host, and IPv6 addresses in brackets, like [::1]"
            )


def trusted_origins(origins, where: str):
    """Origins as Django compares them with a request's Origin header."""
    strings(origins, where)
    for origin in origins:
        if not is_origin(origin):
            raise ConfigurationError(
                f"{where} has {origin!r}: expected origins with a scheme and a host, "
                "and nothing after the host but a port, like https://example.com or "
                "https://*.example.com"
            )


def is_origin(text: str) -> bool:
    """http or https, a host (a leading "*." for subdomains), maybe a port, no more."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    extras = parts.path or parts.query or parts.fragment or "@" in parts.netloc
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not extras


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
        "ALLOWED_HOSTS": allowed_hosts,
        "CSRF_TRUSTED_ORIGINS": trusted_origins,
        "LOG_LEVEL": lambda value, where: one_of(value, logs.LEVELS, where),
        "LOG_FORMAT": lambda value, where: one_of(value, logs.FORMATS, where),
    }
    for name, module in overrides.items():
        if name in rules:
            rules[name](settings[name], f"{name} in {module}")
