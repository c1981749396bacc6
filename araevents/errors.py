"""Exceptions a user can act on. The CLI prints them as one line instead of a traceback."""

from __future__ import annotations


class UserError(ValueError):
    """Base for errors caused by input, configuration or files the user controls."""


class ModelLoadError(UserError):
    """A model folder is missing, incomplete, corrupted, or its labels do not match the schema."""


class ConfigError(UserError):
    """A training/evaluation config is missing a key or holds an invalid value."""
