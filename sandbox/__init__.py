"""Local, stateful stand-ins for the Notion API (sandbox/notion/) and the Asana API (sandbox/asana/)
on a shared core (sandbox/core/).

Speaks only HTTP; imports nothing of certsync's.

    from certsync.sandbox import Sandbox
    with Sandbox(rate_limit=0).start() as sb:
        notion = notion_client.Client(auth=sb.token, base_url=sb.notion_url)

See sandbox/README.md for the endpoints, the control API, rate limits and faults.
"""

from .core.faults import parse_faults
from .service import DEFAULT_TOKEN, Sandbox

__all__ = ["Sandbox", "parse_faults", "DEFAULT_TOKEN"]
