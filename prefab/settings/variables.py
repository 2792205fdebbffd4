"""Environment variables, read once, each remembered with where its value came from.

django-environ does the parsing (integers, comma-separated lists, booleans). Around it,
this module adds what settings need and the library does not do: a value may also come
from the file that ``NAME_FILE`` names (Docker and Kubernetes secrets); a value the
library would quietly take for false or leave half-parsed is an error; every error is
one line naming the variable, its value (masked if secret, left out if it came from a
file) and what was expected; and every variable read is recorded with its source, for
the ``showconfig`` command.
"""

import ipaddress
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import environ
import redis

FALSE_STRINGS = ("false", "off", "no", "n", "0")
MASK = "********"
# The most a NAME_FILE may hold: keys and certificates fit many times over.
FILE_LIMIT = 64 * 1024
REDIS_SCHEMES = ("redis", "rediss", "unix")


class ConfigurationError(Exception):
    """A variable is missing or unusable. The message is one line that says which.

    Not Django's ImproperlyConfigured: django-admin takes that for "no settings yet" and
    runs commands such as shell without them, hiding the mistake."""


def print_configuration_errors_briefly(previous_hook):
    """An excepthook that prints an uncaught ConfigurationError as its one line.

    Settings load inside Django's own machinery (django-admin, celery, gunicorn), so a
    bad variable would otherwise end in a traceback that buries the message.
    """

    def hook(kind, error, traceback):
        if issubclass(kind, ConfigurationError):
            print(f"prefab: {error}", file=sys.stderr)
        else:
            previous_hook(kind, error, traceback)

    return hook


def masked(text) -> str:
    return MASK if text else ""


def password_masked(url) -> str:
    """The URL with its passwords masked: the rest helps find a mistake.

    Plain text, not urlsplit: the URL may be malformed (even lack its scheme), and a
    password with a "#" or "/" in it would not be recognised as one. A password may
    also stand in the URL's options, as redis-py's password=.
    """
    text = re.sub("(?i)(password=)[^&]*", rf"\g<1>{MASK}", str(url))
    scheme, separator, rest = text.partition("://")
    if not separator:
        scheme, rest = "", text
    credentials, at, host = rest.rpartition("@")
    if not at:
        return text
    user, colon, _ = credentials.partition(":")
    credentials = f"{user}:{MASK}" if colon else MASK
    return f"{scheme}{separator}{credentials}@{host}"


@dataclass(frozen=True)
class Variable:
    """One variable as the settings read it, and its value as people may see it."""

    name: str
    value: object
    source: str
    shown: str


class Variables:
    """Reads variables from an environment mapping, and records each one read."""

    def __init__(self, environment):
        self.environment = environment
        self.read: dict[str, Variable] = {}

    def text(
        self,
        name,
        default=None,
        *,
        secret=False,
        expected="a value",
        empty=True,
        pattern=None,
    ):
        """The variable's text; without it, default, or an error if default is None.
        A pattern, if given, is a regular expression the whole text must match."""

        # Secrets are taken as they are; stray spaces around anything else are a typo.
        def parse(text):
            value = text if secret else text.strip()
            if not empty and not value.strip():
                raise ValueError(text)
            if pattern and not re.fullmatch(pattern, value):
                raise ValueError(text)
            return value

        return self._read(name, default, masked if secret else str, expected, parse)

    def integer(self, name, default, *, minimum=0, maximum=None):
        expected = f"an integer from {minimum}" + (f" to {maximum}" if maximum else "")

        def parse(text):
            # int() alone would take "5_432" and other scripts' digits.
            if not re.fullmatch("[0-9]+", text.strip()):
                raise ValueError(text)
            number = environ.Env.parse_value(text.strip(), int)
            if number < minimum or (maximum is not None and number > maximum):
                raise ValueError(expected)
            return number

        return self._read(name, default, str, expected, parse)

    def boolean(self, name, default):
        def parse(text):
            word = text.strip().lower()
            if word not in environ.Env.BOOLEAN_TRUE_STRINGS + FALSE_STRINGS:
                raise ValueError(word)
            return environ.Env.parse_value(word, bool)

        return self._read(name, default, str, "true or false", parse)

    def items(self, name, default, *, expected="a comma-separated list", empty=True):
        def parse(text):
            items = [item.strip() for item in environ.Env.parse_value(text, list)]
            if not empty and not any(items):
                raise ValueError(text)
            return [item for item in items if item]

        return self._read(name, default, str, expected, parse)

    def url(self, name, default, *, schemes, expected=None, check=None):
        """A URL with one of these schemes and a host (a path, for unix sockets), which
        check(url, parts), if given, may refuse with ValueError. A password in it is
        masked wherever the URL is shown."""
        expected = expected or f"a URL like {schemes[0]}://host:port/…"

        def parse(text):
            url = text.strip()
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
            where = parts.path if parts.scheme == "unix" else parts.hostname
            if parts.scheme not in schemes or not where:
                raise ValueError(text)
            if check:
                check(url, parts)
            return url

        return self._read(name, default, password_masked, expected, parse)

    def redis_url(self, name, default):
        """A Redis URL that redis-py accepts whole: its options (names and values) and
        database number are checked now, instead of failing on the first request. A "#"
        would end the URL where redis-py reads it, often inside a password, and connect
        elsewhere; a "," (django-redis: several servers) or a ";" (Celery: failover
        servers) would split it, and show the pieces, password included, in the
        traceback that follows."""

        def check(url, parts):
            if any(separator in url for separator in "#,;"):
                raise ValueError(url)
            if parts.scheme != "unix" and not re.fullmatch("/?[0-9]*", parts.path):
                raise ValueError(parts.path)
            # Makes the connection, without connecting: redis-py refuses an option
            # it does not know only here, and otherwise on every command.
            try:
                redis.ConnectionPool.from_url(url).make_connection()
            except TypeError as error:
                raise ValueError(url) from error

        return self.url(
            name,
            default,
            schemes=REDIS_SCHEMES,
            expected="a URL like redis://host:6379/0 (or rediss://, unix://), with "
            "any #, ; or , in its password written %23, %3B or %2C",
            check=check,
        )

    def package(self, name, default):
        """A Python package's dotted name, like myproject or company.shop."""

        def parse(text):
            if not all(part.isidentifier() for part in text.strip().split(".")):
                raise ValueError(text)
            return text.strip()

        expected = "the project's package name, like myproject"
        return self._read(name, default, str, expected, parse)

    def host(self, name, default, *, port_variable):
        """A server's host name or IP address, or the folder of its Unix socket."""
        expected = (
            "a host name or IP address without scheme or port (the port goes in "
            f"{port_variable}), or a socket folder like /run/postgresql"
        )

        def parse(text):
            host = text.strip()
            if host.startswith("/") or re.fullmatch("[A-Za-z0-9_.-]+", host):
                return host
            # libpq takes an IPv6 address as it is, without brackets.
            ipaddress.IPv6Address(host)
            return host

        return self._read(name, default, str, expected, parse)

    def absolute_path(self, name, default):
        def parse(text):
            if not PurePosixPath(text.strip()).is_absolute():
                raise ValueError(text)
            return text.strip()

        return self._read(name, default, str, "an absolute path, like /srv/data", parse)

    def choice(self, name, default, *, choices):
        def parse(text):
            if text.strip() not in choices:
                raise ValueError(text)
            return text.strip()

        return self._read(name, default, str, f"one of {', '.join(choices)}", parse)

    def is_set(self, name) -> bool:
        return name in self.environment or f"{name}_FILE" in self.environment

    def note(self, name, value, source, *, mask=str):
        """Record a value that was derived rather than read, e.g. ENVIRONMENT."""
        text = ",".join(value) if isinstance(value, list) else value
        self.read[name] = Variable(name, value, source, mask(text))

    def _read(self, name, default, mask, expected, parse):
        text, source = self._text(name)
        if text is None:
            if default is None:
                raise ConfigurationError(f"{name} is not set: expected {expected}")
            self.note(name, default, "default", mask=mask)
            return default
        try:
            value = parse(text)
        except ValueError:
            if source == "environment":
                # A URL given by mistake (a database URL as POSTGRES_HOST) may hold a
                # password: it is masked whatever the variable.
                given = f"{name}={password_masked(mask(text))!r}"
            else:
                # A file named by mistake may hold a secret: its content is never shown.
                given = f"{name} from {source}"
            raise ConfigurationError(
                f"{given} is invalid: expected {expected}"
            ) from None
        self.note(name, value, source, mask=mask)
        return value

    def _text(self, name) -> tuple[str | None, str]:
        """The raw text and where it came from: NAME, or the file NAME_FILE names."""
        file_variable = f"{name}_FILE"
        if file_variable in self.environment:
            if name in self.environment:
                raise ConfigurationError(
                    f"{name} and {file_variable} are both set: expected one"
                )
            if not self.environment[file_variable].strip():
                raise ConfigurationError(
                    f"{file_variable} is empty: expected the path of a file holding "
                    f"{name}"
                )
            path = Path(self.environment[file_variable])
            try:
                # Read up to a limit: a device named by mistake (/dev/zero, /dev/stdin)
                # would otherwise hold start-up for good.
                with path.open("rb") as file:
                    content = file.read(FILE_LIMIT + 1)
            except OSError as error:
                raise ConfigurationError(
                    f"{file_variable}={str(path)!r} is unreadable: {error.strerror}"
                ) from None
            if len(content) > FILE_LIMIT:
                raise ConfigurationError(
                    f"{file_variable}={str(path)!r} is too large: expected at most "
                    f"{FILE_LIMIT // 1024} KiB"
                )
            try:
                text = content.decode()
            except UnicodeDecodeError:
                raise ConfigurationError(
                    f"{file_variable}={str(path)!r} is unreadable: expected UTF-8 text"
                ) from None
            # Secret files often end with a newline that is not part of the secret.
            return text.rstrip("\r\n"), f"file {path}"
        if name in self.environment:
            return self.environment[name], "environment"
        return None, "default"
