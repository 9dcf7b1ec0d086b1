"""Generate typed, localized Python clients from an API documented in several locales."""

__version__ = "0.1.0"
