"""Settings for a developer's machine: `make run`."""

from config.env import env

from .base import *  # noqa: F403

# `make run` is what a newcomer sees: the portal's own Chinese error pages, not Django's
# debug pages. Developers who want those set DJANGO_DEBUG=true.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
