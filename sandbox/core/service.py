"""`SandboxCore`: start, stop, stats, reset, faults, clock and the data file, for every API."""

from __future__ import annotations

import threading
import time

from .api import Api
from .clock import Clock, iso_millis, now
from .faults import Faults
from .persistence import DataFile
from .stats import RequestStats


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class SandboxCore:
    """The tool-neutral part of a sandbox. A subclass adds its APIs with `serve_api` in __init__
    (after `SandboxCore.__init__`), then calls `load_data`."""

    def __init__(self, token: str, faults: str = "", seed: int = 0, data: str | None = None,
                 slow_seconds: float = 3.0):
        if not token:
            raise ValueError("token must not be empty")
        self.token = token
        self.auth_header = f"Bearer {token}"
        self.faults = Faults(faults, seed, slow_seconds)
        self.stats_counter = RequestStats()
        self.data_file = DataFile(data) if data else None
        self.apis: list[Api] = []
        self.response_hooks: list = []  # see on_response
        self.stopping = threading.Event()
        self._server = None
        self._thread = None

    def serve_api(self, api: Api) -> Api:
        self.apis.append(api)
        self.apis.sort(key=lambda a: -len(a.prefix))  # the longest prefix decides
        return api

    def api_at(self, path: str) -> Api | None:
        for api in self.apis:
            if path.startswith(api.prefix + "/"):
                return api
        return None

    def load_data(self) -> None:
        """Restore every API from the data file (or start each fresh and write the file)."""
        sections = self.data_file.read() if self.data_file else {}
        for api in self.apis:
            if api.name in sections:
                try:
                    api.restore(sections[api.name])
                except ValueError as e:
                    raise self.data_file.invalid(f"{api.name}: {e}") from None
            else:
                api.wipe()
            api.save()

    def save_section(self, name: str, section: dict) -> None:
        if self.data_file is not None:
            self.data_file.save(name, section)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, host: str = "127.0.0.1", port: int = 0):
        from .server import Server

        if self._server is not None:
            raise RuntimeError("sandbox already started")
        self.stopping.clear()
        self._server = Server((host, port), self)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"sandbox:{self._server.server_address[1]}", daemon=True)
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

    def __enter__(self):
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("sandbox not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def info(self) -> dict:
        out: dict = {}
        for api in reversed(self.apis):
            out.update(api.info())
        out["faults"] = self.faults.describe()
        return out

    # -- stats and reset -------------------------------------------------------------------
    def record(self, method: str, route: str, status: int) -> None:
        self.stats_counter.record(method, route, status)

    def on_response(self, hook):
        """Call `hook(method, route, status, body)` for every answer an API gives (not the control
        API's, not a dropped connection), before the client sees it: `route` as in the stats
        (`/asana/api/1.0/tasks/{task_gid}`), `body` the bytes sent. For tests that check every
        response (against a spec, say); a hook must not raise. Returns the hook."""
        self.response_hooks.append(hook)
        return hook

    def observe(self, method: str, route: str, status: int, data: bytes) -> None:
        for hook in list(self.response_hooks):
            hook(method, route, status, data)

    def stats(self) -> dict:
        return {"requests": self.stats_counter.rows()}

    def reset(self, data: bool = False) -> None:
        """Empty the stats; with data=True also wipe every API's objects back to its initial state."""
        self.stats_counter.clear()
        if data:
            for api in self.apis:
                with api.lock:
                    api.wipe()
                    api.save()

    def reset_stats(self) -> None:
        """Empty the stats only (same as `reset()`)."""
        self.reset(data=False)

    # -- faults and clock ------------------------------------------------------------------
    def set_faults(self, spec: str = "", seed: int = 0, slow_seconds: float | None = None) -> None:
        self.faults.configure(spec, seed, slow_seconds)

    def advance_clock(self, seconds: float) -> dict:
        """Move the sandbox's clock forward (edit times, the Date header, date filters, expiries)."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        Clock.offset += seconds
        return self.clock()

    def clock(self) -> dict:
        return {"offset_seconds": Clock.offset, "now": iso_millis(now())}
