"""Fake platform servers on 127.0.0.1, for the demo workspace and the tests.

They speak each platform's real wire format (shared/PLATFORMS.md) so the same clients
that talk to Facebook, Instagram, X, YouTube, WordPress and TikTok talk to them unchanged; only
an account's ``api_base`` differs. Faults can be injected per request
(:class:`composer.sandbox.server.Fault`).
"""

from __future__ import annotations

from dataclasses import dataclass

from composer.sandbox.google import GoogleServer
from composer.sandbox.graph import GraphServer
from composer.sandbox.server import FakeServer, Fault
from composer.sandbox.tiktok import TikTokServer
from composer.sandbox.wordpress import WordPressServer
from composer.sandbox.x import XServer

__all__ = ["FakeServer", "Fault", "Sandbox"]


@dataclass
class Sandbox:
    graph: GraphServer
    x: XServer
    google: GoogleServer
    wordpress: WordPressServer
    tiktok: TikTokServer

    @classmethod
    def start(cls, latency: float = 0.0, ports: tuple[int, ...] = (0, 0, 0, 0, 0)) -> Sandbox:
        ports = (*ports, 0, 0, 0, 0, 0)[:5]
        sandbox = cls(
            GraphServer(ports[0], latency).start(),
            XServer(ports[1], latency).start(),
            GoogleServer(ports[2], latency).start(),
            WordPressServer(ports[3], latency).start(),
            TikTokServer(ports[4], latency).start(),
        )
        # The office website is TikTok's verified photo host (PLATFORMS.md §13 "Photos").
        sandbox.tiktok.verified_prefixes.append(f"{sandbox.wordpress.base_url}/wp-content/uploads/")

        from composer.sandbox import metrics

        metrics.install(sandbox)  # post metrics on every fake (issue 15)
        return sandbox

    def servers(self) -> dict[str, FakeServer]:
        return {
            "graph": self.graph,
            "x": self.x,
            "google": self.google,
            "wordpress": self.wordpress,
            "tiktok": self.tiktok,
        }

    def profile_json(self) -> str:
        """A connection profile for these servers, as IT would write one (issue 14)."""
        import json

        from composer.sandbox import google, graph, graph_device, tiktok, x

        return json.dumps(
            {
                "siar_profile": 1,
                "name": "Sandbox",
                "facebook": {
                    "app_id": graph.APP_ID,
                    "client_token": graph_device.CLIENT_TOKEN,
                    "graph_version": graph.VERSION,
                    "login": "device",
                    "api_base": self.graph.base_url,
                },
                "x": {
                    "client_id": x.NATIVE_CLIENT_ID,
                    "redirect_port": self.x.redirect_port,
                    "api_base": self.x.base_url,
                },
                "youtube": {
                    "client_id": google.CLIENT_ID,
                    "client_secret": google.CLIENT_SECRET,
                    "api_base": self.google.base_url,
                },
                "wordpress": {"app_name": "Siar", "app_id": "5b0e8e4e-7d39-4f55-9d1e-3c0c5a2f7b61"},
                # §13: TikTok's exchange needs the client secret; IT accepts handing it over.
                "tiktok": {
                    "client_key": tiktok.CLIENT_KEY,
                    "client_secret": tiktok.CLIENT_SECRET,
                    "accept_secret_in_profile": True,
                    "api_base": self.tiktok.base_url,
                },
            },
            indent=2,
        )

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
