"""``siar snippets list/add/remove``: snippets, hashtag sets and per-platform signatures."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from composer.i18n import _

KINDS = ("snippet", "hashtags", "signature")


def add_parsers(sub: Any) -> None:
    snippets = sub.add_parser("snippets", help=_("saved snippets, hashtag sets and signatures"))
    actions = snippets.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help=_("list what is saved"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(func=cmd_list)
    add = actions.add_parser("add", help=_("save a snippet, a hashtag set or a platform's signature"))
    add.add_argument("name", help=_("its name (for --kind signature: the platform id)"))
    add.add_argument("text", nargs="?", help=_("the text (or use --text-file)"))
    add.add_argument("--text-file", help=_("read the text from this UTF-8 file, or - for standard input"))
    add.add_argument("--kind", choices=KINDS, default="snippet", help=_("what to save (default: snippet)"))
    add.set_defaults(func=cmd_add)
    remove = actions.add_parser("remove", help=_("remove a saved snippet, hashtag set or signature"))
    remove.add_argument("name")
    remove.add_argument("--kind", choices=KINDS, default="snippet")
    remove.set_defaults(func=cmd_remove)


def _library() -> Any:
    from composer.plan.snippets import Library
    from composer.session import Session

    session = Session()
    return session, Library(session.workspace.settings)


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from dataclasses import asdict

    from composer.plan.snippets import ranked_hashtags

    session, library = _library()
    try:
        suggested = ranked_hashtags(session.workspace.outbox, session.workspace.metrics)
        data = {
            "snippets": library.snippets(),
            "hashtag_sets": library.hashtag_sets(),
            "signatures": library.signatures(),
            # what the palette suggests from the office's history, best first
            "suggested_hashtags": [asdict(s) for s in suggested],
        }
    finally:
        session.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
        return 0
    sections = (
        (_("Snippets"), {k: v for k, v in data["snippets"].items()}),
        (_("Hashtag sets"), {k: " ".join(v) for k, v in data["hashtag_sets"].items()}),
        (_("Signatures"), data["signatures"]),
        (
            _("Suggested hashtags (from published posts, best first)"),
            {
                s.tag: f"{s.uses}×"
                if s.interactions is None
                else _("{count}×, {mean} interactions per post in 24 h").format(
                    count=s.uses, mean=round(s.interactions)
                )
                for s in suggested
            },
        ),
    )
    for heading, values in sections:
        print(f"{heading}:", file=out)
        if not values:
            print("  " + _("(none)"), file=out)
        for name, text in values.items():
            first, *rest = str(text).splitlines() or [""]
            print(f"  {name}: {first}{' …' if rest else ''}", file=out)
    return 0


def cmd_add(args: argparse.Namespace, out: TextIO) -> int:
    from composer.cli_files import read_caption
    from composer.plan.messages import Problem
    from composer.plan.snippets import SnippetError

    if (args.text is None) == (args.text_file is None):
        print(_("Give the text, or --text-file (one of them)."), file=sys.stderr)
        return 2
    text = args.text if args.text is not None else read_caption(args.text_file)
    session, library = _library()
    try:
        if args.kind == "snippet":
            library.add_snippet(args.name, text)
        elif args.kind == "hashtags":
            library.add_hashtag_set(args.name, text)
        else:
            library.set_signature(args.name, text)
    except SnippetError as exc:
        print(Problem(0, "", exc.code, exc.params).message(), file=sys.stderr)
        return 2
    finally:
        session.close()
    print(_("Saved “{name}”.").format(name=args.name), file=out)
    return 0


def cmd_remove(args: argparse.Namespace, out: TextIO) -> int:
    from composer.plan.messages import Problem
    from composer.plan.snippets import SnippetError

    session, library = _library()
    try:
        library.remove(args.kind, args.name)
    except SnippetError as exc:
        print(Problem(0, "", exc.code, exc.params).message(), file=sys.stderr)
        return 2
    finally:
        session.close()
    print(_("Removed “{name}”.").format(name=args.name), file=out)
    return 0
