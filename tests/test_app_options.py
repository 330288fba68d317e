"""The window's command line: a plain start (no options) parses nothing (issue 17)."""

from __future__ import annotations

import argparse

import pytest

from composer import app


def test_a_plain_start_builds_no_option_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building the parser looks up its help texts' translations on disk (~4 ms before the
    first paint): the launcher's start, with no option, does without it."""

    def no_parser(*_args: object, **_kwargs: object) -> argparse.ArgumentParser:
        raise AssertionError("a plain start built the option parser")

    monkeypatch.setattr(app.argparse, "ArgumentParser", no_parser)
    assert app._parse([]) == argparse.Namespace(demo=False, home=None, self_test=None, link=None)


def test_a_plain_start_has_the_parsers_defaults() -> None:
    assert app._parse([]) == app._parser().parse_args([])
    assert app._parse(["--demo"]).demo is True
    assert app._parse(["siar://x"]).link == "siar://x"
