"""Where media and static files are stored: Django's STORAGES, from AWS_* or GCP_*.

One object store at most, through django-storages: S3 (or any S3-compatible server)
when an AWS_*_BUCKET_NAME is set, Google Cloud Storage when a GCP_*_BUCKET_NAME is.
Media and static files each have their own bucket, and either may stay local:
media in MEDIA_ROOT, static files with WhiteNoise.
"""

from prefab.settings.variables import ConfigurationError

LOCAL_MEDIA = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
LOCAL_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
S3 = "storages.backends.s3.S3Storage"
GOOGLE_CLOUD = "storages.backends.gcloud.GoogleCloudStorage"

# Each store's rules for bucket names, as a pattern and in words: letters and digits at
# both ends, no "..", not an IPv4 address. In Google Cloud Storage, a name with dots may
# be longer (its parts between dots are not checked here).
BUCKET_NAMES = {
    "AWS": (
        r"(?!.*\.\.)(?![0-9.]+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
        "3 to 63 lower-case letters, digits, '.' or '-'",
    ),
    "GCP": (
        r"(?!.*\.\.)(?![0-9.]+$)(?=[^.]{3,63}$|(?=.{3,222}$).*\.)"
        r"[a-z0-9][a-z0-9._-]*[a-z0-9]",
        "3 to 63 lower-case letters, digits, '.', '-' or '_' (222 with dots)",
    ),
}


def storages(variables) -> dict:
    """The STORAGES setting for the variables set."""
    aws = [f"AWS_{kind}_BUCKET_NAME" for kind in ("MEDIA", "STATIC")]
    gcp = [f"GCP_{kind}_BUCKET_NAME" for kind in ("MEDIA", "STATIC")]
    uses_aws = any(variables.is_set(name) for name in aws)
    uses_gcp = any(variables.is_set(name) for name in gcp)
    if uses_aws and uses_gcp:
        raise ConfigurationError(
            "AWS_*_BUCKET_NAME and GCP_*_BUCKET_NAME are both set: expected the "
            "buckets of one object store"
        )
    if uses_aws:
        return _buckets(variables, "AWS", _s3_options(variables))
    if uses_gcp:
        return _buckets(variables, "GCP", _google_cloud_options(variables))
    return {"default": LOCAL_MEDIA, "staticfiles": LOCAL_STATIC}


def _buckets(variables, prefix, options) -> dict:
    backend, shared, static_only = options
    media_bucket = bucket_name(variables, prefix, "MEDIA")
    static_bucket = bucket_name(variables, prefix, "STATIC")
    # Media are private to the site: their URLs are signed and expire. Static files are
    # public, so their URLs stay plain and cacheable.
    return {
        "default": (
            {
                "BACKEND": backend,
                "OPTIONS": {
                    **shared,
                    "bucket_name": media_bucket,
                    "file_overwrite": False,
                },
            }
            if media_bucket
            else LOCAL_MEDIA
        ),
        "staticfiles": (
            {
                "BACKEND": backend,
                "OPTIONS": {
                    **shared,
                    **static_only,
                    "bucket_name": static_bucket,
                    "querystring_auth": False,
                },
            }
            if static_bucket
            else LOCAL_STATIC
        ),
    }


def bucket_name(variables, prefix, kind) -> str:
    """{prefix}_{kind}_BUCKET_NAME as its object store allows it, or "" if unset:
    checked now rather than at the first upload."""
    pattern, rules = BUCKET_NAMES[prefix]
    return variables.text(
        f"{prefix}_{kind}_BUCKET_NAME",
        "",
        expected=f"a bucket name of {rules}, like shop-media",
        pattern=pattern,
    )


def _s3_options(variables) -> tuple[str, dict, dict]:
    """S3's options for both buckets, and for the static bucket only.

    Without keys, boto3 finds credentials itself (an instance or pod role, ~/.aws); an
    endpoint URL selects an S3-compatible server. A custom domain (a CDN) serves static
    files only: its URLs are not signed, which private media need.
    """
    options = {
        "access_key": variables.text("AWS_ACCESS_KEY_ID", "", empty=False),
        "secret_key": variables.text(
            "AWS_SECRET_ACCESS_KEY", "", secret=True, empty=False
        ),
        "region_name": variables.text("AWS_S3_REGION_NAME", "", empty=False),
        "endpoint_url": variables.url(
            "AWS_S3_ENDPOINT_URL", "", schemes=("https", "http")
        ),
    }
    if bool(options["access_key"]) != bool(options["secret_key"]):
        raise ConfigurationError(
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: expected both or neither"
        )
    # django-storages writes https:// before the domain and / after it.
    static_only = {
        "custom_domain": variables.text(
            "AWS_S3_CUSTOM_DOMAIN",
            "",
            expected="a domain without scheme, maybe with a port and a path, like "
            "cdn.example.com or cdn.example.com/static",
            pattern=r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[1-9][0-9]{0,4})?(/[^/\s?#]+)*",
        )
    }
    return S3, _given(options), _given(static_only)


def _google_cloud_options(variables) -> tuple[str, dict, dict]:
    """Google Cloud Storage's options. Credentials come from Application Default
    Credentials: GOOGLE_APPLICATION_CREDENTIALS, or the workload's service account.
    Signing media URLs takes a service account key; a workload without one (GKE's
    workload identity) signs through the IAM API instead."""
    options = {
        "project_id": variables.text("GCP_PROJECT_ID", "", empty=False),
        "iam_sign_blob": variables.boolean("GCP_IAM_SIGN_BLOB", False),
    }
    return GOOGLE_CLOUD, _given(options), {}


def _given(options) -> dict:
    """The options that were set: the others keep django-storages' defaults."""
    return {name: value for name, value in options.items() if value}
