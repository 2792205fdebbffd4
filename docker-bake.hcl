# Prefab's build graph. `docker buildx bake` builds the build image and the runtime image;
# `docker buildx bake --print` shows the resolved targets. Every variable below can be
# overridden from the environment, e.g. `TAG=3.13 PLATFORMS=linux/amd64,linux/arm64`.

variable "PYTHON_VERSION" {
  default = "3.13"
}

variable "DEBIAN_RELEASE" {
  default = "trixie"
}

# Repository of the runtime image; the build image is "<IMAGE_NAME>-build".
variable "IMAGE_NAME" {
  default = "prefab"
}

variable "TAG" {
  default = "latest"
}

# Comma-separated, e.g. "linux/amd64,linux/arm64". Empty builds the builder's own platform,
# which is what local work and the tests want.
variable "PLATFORMS" {
  default = ""
}

variable "MOZJPEG_VERSION" {
  default = "4.1.5"
}

# A Git URL or a local folder holding mozjpeg's source tree for MOZJPEG_VERSION.
variable "MOZJPEG_SOURCE" {
  default = "https://github.com/mozilla/mozjpeg.git#v${MOZJPEG_VERSION}"
}

target "_common" {
  context   = "."
  platforms = compact([for platform in split(",", PLATFORMS) : trimspace(platform)])
  args = {
    PYTHON_VERSION = PYTHON_VERSION
    DEBIAN_RELEASE = DEBIAN_RELEASE
  }
  labels = {
    "org.opencontainers.image.version" = TAG
  }
}

target "build" {
  inherits    = ["_common"]
  description = "Build image: toolchain, mozjpeg, Pillow, lxml, psycopg2, requirements/, prefab"
  dockerfile  = "docker/build.Dockerfile"
  contexts = {
    mozjpeg-source = MOZJPEG_SOURCE
  }
  args = {
    MOZJPEG_VERSION = MOZJPEG_VERSION
  }
  tags = ["${IMAGE_NAME}-build:${TAG}"]
}

target "runtime" {
  inherits    = ["_common"]
  description = "Runtime image: the build image's packages on a slim base, served by gunicorn"
  dockerfile  = "docker/runtime.Dockerfile"
  contexts = {
    prefab-build = "target:build"
  }
  tags = ["${IMAGE_NAME}:${TAG}"]
}

group "default" {
  targets = ["build", "runtime"]
}
