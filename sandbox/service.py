"""`Sandbox`: the Python API that starts, configures, inspects and stops the server."""

from __future__ import annotations

import threading
import time

from .common import Clock, iso_millis, now, parse_id, text_item
from .errors import validation
from .faults import Faults
from .ratelimit import TokenBuckets
from .routes import CAPABILITIES
from .store import ROOT_PAGE_ID, Store

DEFAULT_TOKEN = "ntn_sandbox"


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class Sandbox:
    """A local Notion API. `Sandbox(...).start()` serves it in a background thread."""

    def __init__(self, token: str = DEFAULT_TOKEN, rate_limit: float = 3.0, burst: int = 10, faults: str = "",
                 seed: int = 0, data: str | None = None, slow_seconds: float = 3.0):
        if not token:
            raise ValueError("token must not be empty")
        self.token = token
        self.auth_header = f"Bearer {token}"
        self.limiter = TokenBuckets(rate_limit, burst)
        self.faults = Faults(faults, seed, slow_seconds)
        self.capabilities = {c: True for c in CAPABILITIES}
        self.store = Store(data)
        self.stopping = threading.Event()
        self._stats: dict[tuple, int] = {}
        self._stats_lock = threading.Lock()
        self._server = None
        self._thread = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, host: str = "127.0.0.1", port: int = 0) -> "Sandbox":
        from .server import Server

        if self._server is not None:
            raise RuntimeError("sandbox already started")
        self.stopping.clear()
        self._server = Server((host, port), self)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"notion-sandbox:{self._server.server_address[1]}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self.stopping.set()
        Clock.offset = 0.0  # the next sandbox starts on real time
        self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        self._thread.join()
        self._server = None
        self._thread = None

    def serve_forever(self, host: str = "127.0.0.1", port: int = 8765) -> None:
        """Block until KeyboardInterrupt (starting first if needed), then stop cleanly."""
        import signal

        if self._server is None:
            self.start(host, port)
        previous = None
        if threading.current_thread() is threading.main_thread():  # SIGTERM (docker stop, kill) stops cleanly too
            previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            while self._thread is not None and self._thread.is_alive():
                time.sleep(0.2)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def __enter__(self) -> "Sandbox":
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("sandbox not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def notion_url(self) -> str:
        return self.url + "/notion"

    @property
    def root_page_id(self) -> str:
        return ROOT_PAGE_ID

    @property
    def bot_user_id(self) -> str:
        from .store import BOT_ID

        return BOT_ID

    def info(self) -> dict:
        return {"notion_url": self.notion_url if self._server else None, "root_page_id": ROOT_PAGE_ID,
                "bot_user_id": self.bot_user_id, "notion_versions": ["2025-09-03", "2026-03-11"],
                "rate_limit": {"rate": self.limiter.rate, "burst": self.limiter.burst},
                "faults": self.faults.describe(), "capabilities": dict(self.capabilities)}

    # -- stats -----------------------------------------------------------------------------
    def record(self, method: str, route: str, status: int) -> None:
        key = (method, route, status)
        with self._stats_lock:
            self._stats[key] = self._stats.get(key, 0) + 1

    def stats(self) -> dict:
        with self._stats_lock:
            items = sorted(self._stats.items())
        return {"requests": [{"method": m, "route": r, "status": s, "count": n} for (m, r, s), n in items]}

    def reset(self, data: bool = False) -> None:
        """Empty the stats; with data=True also wipe objects back to the initial workspace."""
        with self._stats_lock:
            self._stats.clear()
        if data:
            with self.store.lock:
                self.store.wipe()
                self.store.save()

    def reset_stats(self) -> None:
        """Empty the stats only (same as `reset()`)."""
        self.reset(data=False)

    # -- settings --------------------------------------------------------------------------
    def set_faults(self, spec: str = "", seed: int = 0, slow_seconds: float | None = None) -> None:
        self.faults.configure(spec, seed, slow_seconds)

    def set_capabilities(self, **flags: bool) -> dict:
        unknown = sorted(set(flags) - set(CAPABILITIES))
        if unknown:
            raise ValueError(f"unknown capabilities {unknown}; expected some of {list(CAPABILITIES)}")
        for name, value in flags.items():
            if not isinstance(value, bool):
                raise ValueError(f"capability {name} should be true or false, found {value!r}")
        self.capabilities.update(flags)
        return dict(self.capabilities)

    def advance_clock(self, seconds: float) -> dict:
        """Move the sandbox's clock forward (edit times, the Date header, `this_week` filters)."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        Clock.offset += seconds
        return self.clock()

    def clock(self) -> dict:
        return {"offset_seconds": Clock.offset, "now": iso_millis(now())}

    def set_rate_limit(self, rate: float, burst: int = 10) -> None:
        self.limiter.configure(rate, burst)

    # -- objects ---------------------------------------------------------------------------
    def add_user(self, name: str, email: str) -> dict:
        with self.store.lock:
            return self.store.add_user(name, email)

    def add_root_page(self, title: str) -> dict:
        """A workspace-level page shared with the integration; returns the Notion page object."""
        from .pages import new_root_page
        from .render import render_page

        with self.store.lock:
            page = new_root_page(self.store, title)
            self.store.save()
            return render_page(self.store, page, "2025-09-03")

    def add_app_property(self, data_source_id, name, kind) -> dict:
        """A property only the Notion app can make (a button, a place) on a data source; returns
        the data source's property object. The API itself refuses to create these types."""
        from .data_sources import render_data_source
        from .schema import add_app_only

        dsid = parse_id(data_source_id)
        if dsid is None:
            raise ValueError('give {"data_source_id": ..., "name": ..., "type": "button" | "place"}')
        with self.store.lock:
            ds = self.store.get_data_source(dsid)
            pid = add_app_only(ds, name, kind)
            self.store.touch(ds)
            self.store.save()
            return render_data_source(self.store, ds, "2025-09-03")["properties"][name] | {"id": pid}

    def add_block(self, page_id, kind, text) -> dict:
        """A content block (paragraph, heading, quote) at the end of a page, as made in the app."""
        from . import blocks

        pid = parse_id(page_id)
        if pid is None:
            raise ValueError('give {"page_id": ..., "type": "paragraph", "text": ...}')
        with self.store.lock:
            block = blocks.add(self.store, pid, kind, text)
            self.store.save()
            return blocks.render(self.store, block, "2025-09-03")

    def add_comment_as(self, page_id, user_id, text, block_id=None) -> dict:
        """A comment written by a person (not the integration) on a page or on one of its content
        blocks, as made in the app: for tests of comment ownership and of block discussions."""
        from . import comments

        pid, uid, bid = parse_id(page_id), parse_id(user_id), parse_id(block_id) if block_id else None
        if (pid is None and bid is None) or uid is None or not isinstance(text, str):
            raise ValueError('give {"page_id" or "block_id": ..., "user_id": ..., "text": ...}')
        with self.store.lock:
            if bid is not None and bid not in self.store.blocks:
                raise self.store.missing("block", bid)
            if bid is None and pid not in self.store.pages:
                raise self.store.missing("page", pid)
            if uid not in self.store.users:
                raise validation(f"no user with id {uid}")
            c = comments.add(self.store, pid, [text_item(text)], author=uid, block_id=bid)
            self.store.save()
            return comments.render(self.store, c)
