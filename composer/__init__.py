"""Siar: write a post once, preview it on every platform, publish to every account."""

__version__ = "0.1.0"
APP_ID = "id.siar.Siar"
