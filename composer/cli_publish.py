"""``siar draft create``, ``siar post``, ``siar outbox …``, ``siar history``, ``siar sandbox``."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from composer.i18n import _, describe_code

if TYPE_CHECKING:
    from composer.session import Session


class _ImageAction(argparse.Action):
    """``--image PATH [--alt TEXT]``: each --alt belongs to the --image before it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option: str | None = None,
    ) -> None:
        images = list(getattr(namespace, "images", None) or [])
        if option == "--image":
            images.append([values, ""])
        elif not images:
            parser.error(_("--alt must follow an --image"))
        else:
            images[-1][1] = values
        namespace.images = images


def add_parsers(sub: Any) -> None:
    draft = sub.add_parser("draft", help=_("create drafts"))
    draft_actions = draft.add_subparsers(dest="action", required=True)
    create = draft_actions.add_parser("create", help=_("create a draft; prints its id"))
    create.add_argument(
        "--text-file", required=True, help=_("the post text (UTF-8), or - for standard input")
    )
    create.add_argument("--title", default="")
    create.add_argument(
        "--image", action=_ImageAction, dest="images", help=_("a photo to attach (repeatable)")
    )
    create.add_argument(
        "--alt", action=_ImageAction, dest="images", help=_("alt text of the --image before it")
    )
    create.add_argument(
        "--kip",
        choices=["berkala", "serta-merta", "setiap-saat"],
        default="",
        help=_("the KIP category for the monthly report (informasi berkala, serta-merta or setiap saat)"),
    )
    create.set_defaults(func=cmd_draft_create, images=[])

    post = sub.add_parser("post", help=_("send a draft to accounts (through the outbox)"))
    post.add_argument("draft", help=_("draft id (or its first characters)"))
    which = post.add_mutually_exclusive_group()
    which.add_argument("--accounts", help=_("comma-separated account names"))
    which.add_argument("--all", action="store_true", help=_("every account whose platform the post goes to"))
    post.add_argument("--wait", action="store_true", help=_("send now and wait for the result"))
    post.add_argument("--yes", action="store_true", help=_("send even when the preflight has warnings"))
    post.add_argument(
        "--at", metavar="YYYY-MM-DD HH:MM", help=_("schedule for this local time instead of sending now")
    )
    post.set_defaults(func=cmd_post)

    outbox = sub.add_parser("outbox", help=_("see and control queued posts"))
    actions = outbox.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help=_("list the jobs"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_outbox_list)
    run = actions.add_parser("run", help=_("send what is due now and wait"))
    run.set_defaults(func=cmd_outbox_run)
    for name, helptext in (
        ("retry", _("try a job again now")),
        ("cancel", _("cancel a job")),
        ("pause", _("pause a job, or everything without an id")),
        ("resume", _("resume a job, or everything without an id")),
    ):
        command = actions.add_parser(name, help=helptext)
        command.add_argument(
            "job",
            nargs="?" if name in ("pause", "resume") else None,
            help=_("job id (or its first characters)"),
        )
        command.set_defaults(func=cmd_outbox_control, control=name)
    # A scheduled post's new time, on the platform too where it holds the post (issue 13).
    reschedule = actions.add_parser("reschedule", help=_("give a scheduled post a new time"))
    reschedule.add_argument("job", help=_("job id (or its first characters)"))
    reschedule.add_argument("--at", required=True, help=_('new time, "YYYY-MM-DD HH:MM"'))
    reschedule.set_defaults(func=cmd_outbox_reschedule)

    history = sub.add_parser("history", help=_("everything published"))
    history.add_argument("--json", action="store_true")
    history.add_argument("--search", default="")
    history.set_defaults(func=cmd_history)

    sandbox = sub.add_parser("sandbox", help=_("run the fake platform servers in the foreground"))
    sandbox.add_argument(
        "--port",
        type=int,
        default=0,
        help=_("first port (the five servers take five in a row); 0 = any free"),
    )
    sandbox.add_argument("--latency", type=float, default=0.0, help=_("seconds of delay per request"))
    sandbox.set_defaults(func=cmd_sandbox)


def _session() -> Session:
    from composer.session import Session

    return Session()


def cmd_draft_create(args: argparse.Namespace, out: TextIO) -> int:
    from composer.cli_files import read_caption
    from composer.session import MediaError

    text = read_caption(args.text_file)
    with _session() as session:
        try:
            post = session.create_draft(
                args.title, text.rstrip("\n"), [(Path(path), alt) for path, alt in args.images], kip=args.kip
            )
        except MediaError as exc:
            print(describe_code(exc.code, exc.params), file=sys.stderr)
            return 2
        print(post.id, file=out)
        return 0


def _job_line(job: Any, names: dict[str, str]) -> str:
    from composer.publish.outbox import error_text
    from composer.session import JobState

    state = _(JobState(job.state).label).lower()  # a word among the columns
    if job.state == "waiting" and job.next_at:
        state += " " + _("until {time}").format(time=time.strftime("%H:%M", time.localtime(job.next_at)))
    tail = job.data.get("permalink", "") if job.state == "done" else error_text(job)
    return f"{job.id[:8]}\t{names.get(job.account_id, job.account_id[:8])}\t{state}\t{tail}"


def cmd_post(args: argparse.Namespace, out: TextIO) -> int:
    from composer.publish.preflight import ERROR

    send_at, bad_time = None, False
    if args.at:
        try:
            send_at = time.mktime(time.strptime(args.at.strip(), "%Y-%m-%d %H:%M"))
        except ValueError:
            bad_time = True  # said after the preflight, like every other reason not to send
    with _session() as session:
        post = session.find_draft(args.draft)
        if post is None:
            print(_("No draft with id {id}.").format(id=args.draft), file=sys.stderr)
            return 2
        accounts = session.accounts()
        names = {a.id: a.name for a in accounts}
        chosen = None
        if args.accounts:
            wanted = [n.strip() for n in args.accounts.split(",") if n.strip()]
            chosen = [a for a in accounts if a.name in wanted]
            missing = set(wanted) - {a.name for a in chosen}
            if missing:
                print(
                    _("No account named “{name}”.").format(name=", ".join(sorted(missing))), file=sys.stderr
                )
                return 2
        plan = session.plan_post(post, chosen, send_at)
        if not plan.chosen:
            print(_("No account to send to. Add one with: siar accounts add"), file=sys.stderr)
            return 2
        for check in plan.checks:
            mark = "⛔" if check.severity == ERROR else "⚠️"
            print(f"{mark} {names[check.account_id]}: {check.message}", file=out)
        if not plan.sendable:
            print(_("Nothing can be sent until the errors above are fixed."), file=sys.stderr)
            return 1
        if plan.warnings and not args.yes:
            print(_("There are warnings. Add --yes to send anyway."), file=sys.stderr)
            return 3
        if bad_time:
            print(_("Write the time as YYYY-MM-DD HH:MM, e.g. 2026-12-24 08:00."), file=sys.stderr)
            return 2
        if plan.too_soon:
            print(_("Choose a time in the future to schedule the post."), file=sys.stderr)
            return 2
        jobs = session.post(plan)
        print(_("Queued for {count} account(s).").format(count=len(jobs)), file=out)
        if not args.wait:
            print(_("Siar sends it when it runs (or: siar outbox run)."), file=out)
            return 1 if plan.blocked else 0
        session.run_until_settled()
        worst = 1 if plan.blocked else 0
        for job in jobs:
            job = session.job(job.id) or job
            print(_job_line(job, names), file=out)
            if job.state != "done":
                worst = 1
        return worst


def cmd_outbox_list(args: argparse.Namespace, out: TextIO) -> int:
    with _session() as session:
        names = {a.id: a.name for a in session.accounts()}
        jobs = session.jobs()
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "id": j.id,
                            "post": j.post_id,
                            "account": names.get(j.account_id, ""),
                            "platform": j.platform,
                            "state": j.state,
                            "attempts": j.attempts,
                            "next_at": j.next_at,
                            "error": j.error_code,
                            "permalink": j.data.get("permalink", ""),
                        }
                        for j in jobs
                    ],
                    ensure_ascii=False,
                    indent=2,
                ),
                file=out,
            )
            return 0
        if session.paused:
            print(_("The outbox is paused (siar outbox resume)."), file=out)
        for job in jobs:
            print(_job_line(job, names), file=out)
        return 0


def cmd_outbox_run(args: argparse.Namespace, out: TextIO) -> int:
    with _session() as session:
        if session.paused:
            print(_("The outbox is paused (siar outbox resume)."), file=sys.stderr)
            return 1
        session.run_until_settled()
        names = {a.id: a.name for a in session.accounts()}
        jobs = session.jobs()
        for job in jobs:
            print(_job_line(job, names), file=out)
        return 0 if all(j.state in ("done", "cancelled") for j in jobs) else 1


def cmd_outbox_control(args: argparse.Namespace, out: TextIO) -> int:
    with _session() as session:
        if args.job is None:
            session.set_paused(args.control == "pause")
            print(_("Everything paused.") if args.control == "pause" else _("Sending resumed."), file=out)
            return 0
        job = session.find_job(args.job)
        if job is None:
            print(_("No job with id {id}.").format(id=args.job), file=sys.stderr)
            return 2
        if args.control == "cancel" and session.schedule_of(job) is not None:
            return _cancel_scheduled(session, job.id, out)
        if args.control not in session.allowed_actions(job) or not session.act(job.id, args.control):
            print(_("This job cannot be changed in its current state."), file=sys.stderr)
            return 1
        return 0


def _cancel_scheduled(session: Session, job_id: str, out: TextIO) -> int:
    from composer.i18n import describe_code
    from composer.session import ScheduleRefused

    try:
        change = session.cancel_scheduled(job_id)
    except ScheduleRefused as refused:
        print(describe_code(refused.code, dict(refused.params)), file=sys.stderr)
        return 1
    if change is not None:
        print(_("Siar tells the platform when it runs (or: siar outbox run)."), file=out)
    return 0


def cmd_outbox_reschedule(args: argparse.Namespace, out: TextIO) -> int:
    from composer.i18n import describe_code
    from composer.session import ScheduleRefused

    try:
        at = time.mktime(time.strptime(args.at.strip(), "%Y-%m-%d %H:%M"))
    except ValueError:
        print(_("Write the time as YYYY-MM-DD HH:MM, e.g. 2026-12-24 08:00."), file=sys.stderr)
        return 2
    with _session() as session:
        job = session.find_job(args.job)
        if job is None:
            print(_("No job with id {id}.").format(id=args.job), file=sys.stderr)
            return 2
        try:
            change = session.reschedule(job.id, at)
        except ScheduleRefused as refused:
            print(describe_code(refused.code, dict(refused.params)), file=sys.stderr)
            return 2 if refused.code in ("schedule.in_the_past", "schedule.outside_window") else 1
        print(
            _("New time: {time}.").format(time=time.strftime("%Y-%m-%d %H:%M", time.localtime(at))), file=out
        )
        if change is not None:
            print(_("Siar tells the platform when it runs (or: siar outbox run)."), file=out)
        return 0


def cmd_history(args: argparse.Namespace, out: TextIO) -> int:
    with _session() as session:
        entries = session.history(args.search)
        if args.json:
            print(json.dumps([e.__dict__ for e in entries], ensure_ascii=False, indent=2), file=out)
            return 0
        for e in entries:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(e.published_at))
            first = e.text.strip().splitlines()[0][:60] if e.text.strip() else e.title
            print(f"{when}\t{e.account_name}\t{e.permalink or _('(no address yet)')}\t{first}", file=out)
        return 0


def cmd_sandbox(args: argparse.Namespace, out: TextIO) -> int:
    from composer.sandbox import Sandbox, graph, tiktok, wordpress, x
    from composer.sandbox import google as fake_google

    ports = tuple(args.port + i for i in range(5)) if args.port else (0, 0, 0, 0, 0)
    sandbox = Sandbox.start(latency=args.latency, ports=ports)
    print(_("Siar sandbox — fake platform servers on this computer only:"), file=out)
    for name, server in sandbox.servers().items():
        print(f"  {name:10} {server.base_url}", file=out)
    print(_("Test credentials (not secret):"), file=out)
    print(
        f"  Facebook/Instagram: App ID {graph.APP_ID}, App Secret {graph.APP_SECRET}, user token {graph.SHORT_USER_TOKEN}",
        file=out,
    )
    print(
        f"  X: API Key {x.CONSUMER_KEY}, Secret {x.CONSUMER_SECRET}, Access Token {x.ACCESS_TOKEN}, Secret {x.ACCESS_SECRET}",
        file=out,
    )
    print(
        f"  YouTube: Client ID {fake_google.CLIENT_ID}, Client Secret {fake_google.CLIENT_SECRET}", file=out
    )
    print(f"  WordPress: user {wordpress.USERNAME}, Application Password {wordpress.APP_PASSWORD}", file=out)
    print(f"  TikTok: Client Key {tiktok.CLIENT_KEY}, Client Secret {tiktok.CLIENT_SECRET}", file=out)
    print(_("Press Ctrl+C to stop."), file=out)
    out.flush()
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_a: stop.set())
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, lambda *_a: stop.set())
    stop.wait()
    sandbox.stop()
    return 0
