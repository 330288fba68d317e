"""Polling the metrics of 500 posts per platform over eight days stays within what each
platform documents (shared/PLATFORMS.md §2.4, §3.3, §4.5, §12.1), counted by the fakes."""

from __future__ import annotations

from collections import defaultdict

from composer.sandbox import metrics as fake_metrics
from tests.insights.conftest import START, Env

POSTS = 500
STEP = 15 * 60.0  # the session runs the service every 15 minutes
DAY = 86400.0
LIMITS_PER_DAY = {
    "facebook": 4800 * 24,  # BUC: 4800 × engaged users per hour (§2.4); checked per hour below
    "instagram": 4800,  # BUC type instagram: 4800 × impressions per 24 h (§3.3), at the floor of 1
    "youtube": 10_000,  # units per day, 1 per videos.list call (§4.5, §12.1)
    "wordpress": 2000,  # no limit in core; Siar's own budget for hosts' firewalls (§5.3)
}


def test_polling_500_posts_per_platform_stays_within_documented_limits(env: Env) -> None:
    platforms = ("facebook", "instagram", "x", "youtube", "wordpress")
    env.workspace.db.execute("PRAGMA synchronous=OFF")  # 2,500 history rows: no fsync each
    spacing = 7 * DAY / POSTS  # 500 posts over the week, round the clock
    for platform in platforms:
        for n in range(POSTS):
            env.published(platform, START + n * spacing, text=f"Kabar layanan ke-{n} #ImigrasiMelayani")
    servers = {"facebook": env.sandbox.graph, "instagram": env.sandbox.graph, "x": env.sandbox.x,
               "youtube": env.sandbox.google, "wordpress": env.sandbox.wordpress}  # fmt: skip
    per_day: dict[tuple[str, str], int] = defaultdict(int)
    per_hour: dict[tuple[str, int], int] = defaultdict(int)
    per_quarter_x: dict[int, int] = defaultdict(int)
    billed_per_day: dict[str, float] = defaultdict(float)
    taken = 0
    now = START
    while now < START + 15 * DAY:
        now += STEP
        before = {name: fake_metrics.requests_served(s) for name, s in env.sandbox.servers().items()}
        billed = fake_metrics.billed_usd(env.sandbox.x)
        taken += env.run(now)
        day = fake_metrics._stamp(now, "%Y-%m-%d")
        for name, server in env.sandbox.servers().items():
            made = fake_metrics.requests_served(server) - before[name]
            per_day[(name, day)] += made
            per_hour[(name, int(now // 3600))] += made
        per_quarter_x[int(now // 900)] += fake_metrics.requests_served(env.sandbox.x) - before["x"]
        billed_per_day[day] += fake_metrics.billed_usd(env.sandbox.x) - billed
    assert taken == 3 * POSTS * len(platforms)  # every post: +1 h, +24 h, +7 d
    graph_daily = max(v for (name, _d), v in per_day.items() if name == "graph")
    # Facebook and Instagram share the Graph fake; each stays under its own cap, so does the sum
    # of the stricter one (Instagram's 4800 a day) plus Facebook's.
    assert graph_daily <= LIMITS_PER_DAY["instagram"] + LIMITS_PER_DAY["facebook"]
    assert max(v for (name, _h), v in per_hour.items() if name == "graph") <= 4800
    assert max(v for (name, _d), v in per_day.items() if name == "google") <= LIMITS_PER_DAY["youtube"]
    assert max(v for (name, _d), v in per_day.items() if name == "wordpress") <= LIMITS_PER_DAY["wordpress"]
    assert max(per_quarter_x.values()) <= 300  # X: 300 reads per 15 min per user (§12.2)
    assert max(billed_per_day.values()) <= 5.0  # the settings say up to $4.80 a day
    assert servers  # the mapping documents which fake serves which platform
