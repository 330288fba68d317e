"""Fake platform servers on 127.0.0.1, for the demo workspace and the tests.

They speak each platform's real wire format (shared/PLATFORMS.md) so the same clients
that talk to Facebook, Instagram, X, YouTube and WordPress talk to them unchanged; only
an account's ``api_base`` differs. Faults can be injected per request
(:class:`composer.sandbox.server.Fault`).
"""

from __future__ import annotations

from dataclasses import dataclass

from composer.sandbox.google import GoogleServer
from composer.sandbox.graph import GraphServer
from composer.sandbox.server import FakeServer, Fault
from composer.sandbox.wordpress import WordPressServer
from composer.sandbox.x import XServer

__all__ = ["FakeServer", "Fault", "Sandbox"]


@dataclass
class Sandbox:
    graph: GraphServer
    x: XServer
    google: GoogleServer
    wordpress: WordPressServer

    @classmethod
    def start(cls, latency: float = 0.0, ports: tuple[int, int, int, int] = (0, 0, 0, 0)) -> Sandbox:
        sandbox = cls(
            GraphServer(ports[0], latency).start(),
            XServer(ports[1], latency).start(),
            GoogleServer(ports[2], latency).start(),
            WordPressServer(ports[3], latency).start(),
        )
        from composer.sandbox import metrics

        metrics.install(sandbox)  # post metrics on every fake (issue 15)
        return sandbox

    def servers(self) -> dict[str, FakeServer]:
        return {"graph": self.graph, "x": self.x, "google": self.google, "wordpress": self.wordpress}

    def set_latency(self, seconds: float) -> None:
        for server in self.servers().values():
            server.latency = seconds

    def stop(self) -> None:
        for server in self.servers().values():
            server.stop()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
