"""Which trackers a config describes: one per tracker section, its tool's SDK imported only then."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from certsync.adapters.tracker import Tracker, TrackerError


def _notion(config: Any) -> Tracker:
    from certsync.adapters.notion.tracker import NotionTracker

    return NotionTracker(config.notion, config.notion.token(), overlap_minutes=config.sync.overlap_minutes,
                         reviews_parent=config.reviews_section.notion_parent)


def _asana(config: Any) -> Tracker:
    from certsync.adapters.asana.tracker import AsanaTracker

    return AsanaTracker(config.asana, config.asana.token(), overlap_minutes=config.sync.overlap_minutes,
                        readers=config.reviews_section.readers)


# The config section of each tool, and how to open its tracker.
OPENERS: dict[str, Callable[[Any], Tracker]] = {"notion": _notion, "asana": _asana}


def sections(config: Any) -> list[str]:
    """The tools the config has a section for, in a fixed order."""
    return [name for name in OPENERS if getattr(config, name, None) is not None]


def open_tracker(config: Any, kind: str) -> Tracker:
    if getattr(config, kind, None) is None:
        raise TrackerError(f"the configuration has no [{kind}] section")
    return OPENERS[kind](config)


def open_trackers(config: Any) -> list[Tracker]:
    """One tracker per tracker section of the config (each with its own lock and state)."""
    return [open_tracker(config, kind) for kind in sections(config)]


def sample(kind: str, sandbox: Any, program: Any, token_env: str) -> Any:
    """The reference template of `kind` in a sandbox, ready to fill with `program`: an object with
    `section()` (its certsync.toml section), `fill()` (writes the program; model id -> record id)
    and `close()`."""
    if kind == "notion":
        from certsync.adapters.notion.sample import sample as notion_sample

        return notion_sample(sandbox, program, token_env)
    if kind == "asana":
        from certsync.adapters.asana.sample import sample as asana_sample

        return asana_sample(sandbox, program, token_env)
    raise TrackerError(f"no sample tracker for {kind} yet")


def init_template(kind: str, token: str, **options: Any) -> str:
    """Create the reference template of `kind` in a real workspace; returns its config section.
    Notion: `parent` (a page); Asana: `workspace` (and `team`). Both: `title`, `base_url`, `token_env`."""
    if kind == "notion":
        from certsync.adapters.notion.init import init

        return init(options["parent"], token, base_url=options.get("base_url"),
                    token_env=options.get("token_env") or "NOTION_TOKEN", title=options.get("title") or "Certifications")
    if kind == "asana":
        from certsync.adapters.asana.init import ASANA_API
        from certsync.adapters.asana.init import init as asana_init

        return asana_init(token, options["workspace"], team=options.get("team"),
                          base_url=options.get("base_url") or ASANA_API,
                          token_env=options.get("token_env") or "ASANA_ACCESS_TOKEN",
                          title=options.get("title") or "Certifications")
    raise TrackerError(f"certsync init cannot make a {kind} template yet")
