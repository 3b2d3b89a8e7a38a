"""The Asana API as the core serves it: under /asana/api/1.0, Bearer tokens of the workspace's
users, a per-token budget per minute and caps on concurrent reads and writes, the `{"data": …}`
envelope, opt_fields, 201 with Location on create, and Asana's errors."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from ..core.api import Api, Call
from ..core.ratelimit import ConcurrencyLimit, TokenBuckets
from . import errors
from .errors import AsanaError
from .fields import Ref, show
from .render import Renderer
from .request import Request, Result
from .routes import match
from .store import AsanaStore

PREFIX = "/asana/api/1.0"
DEFAULT_PER_MINUTE = 1500
FREE_PER_MINUTE = 150
MAX_READS, MAX_WRITES = 50, 15


class AsanaApi(Api):
    name = "asana"
    prefix = PREFIX
    stats_prefix = PREFIX
    control_prefix = "/_sandbox/asana"

    def __init__(self, sandbox, per_minute: float = DEFAULT_PER_MINUTE):
        super().__init__(sandbox)
        self.store = AsanaStore(sandbox.token, save=self.save)
        self.render_cache: dict = {}
        self.lock = self.store.lock
        from .webhooks import Courier

        self.courier = Courier(self)
        self.reads = ConcurrencyLimit(MAX_READS)
        self.writes = ConcurrencyLimit(MAX_WRITES)
        self.set_rate_limit(per_minute)

    def set_rate_limit(self, per_minute: float) -> None:
        """Requests a minute per token (a free workspace's tokens get a tenth); 0 turns every limit off."""
        if per_minute < 0:
            raise ValueError(f"the Asana rate limit should be ≥ 0 requests a minute, found {per_minute}")
        self.per_minute = float(per_minute)
        self.budget = TokenBuckets(per_minute / 60, int(per_minute))
        free = min(per_minute, FREE_PER_MINUTE)
        self.free_budget = TokenBuckets(free / 60, int(free))
        self.reads.limit = MAX_READS if per_minute else 0
        self.writes.limit = MAX_WRITES if per_minute else 0

    # -- state -------------------------------------------------------------------------------
    def state(self) -> dict:
        return self.store.dump()

    def restore(self, section: dict) -> None:
        self.store.load(section)

    def wipe(self) -> None:
        self.store.wipe()

    def info(self) -> dict:
        started = self.sandbox._server is not None
        return {"asana_url": self.sandbox.url + PREFIX if started else None,
                "asana": {"workspace_gid": self.store.workspaces and next(iter(self.store.workspaces)),
                          "user_gid": self.store.tokens.get(self.sandbox.token),
                          "rate_limit": {"per_minute": self.per_minute, "concurrent_reads": self.reads.limit,
                                         "concurrent_writes": self.writes.limit}}}

    def control(self, method, path, query, body):
        from .control import handle

        return handle(self.sandbox, method, path, body)

    def control_endpoints(self) -> list[str]:
        from .control import ENDPOINTS

        return ENDPOINTS

    # -- requests ----------------------------------------------------------------------------
    def serve(self, call: Call) -> None:
        found = match(call.method, call.path)
        if found is not None:
            call.route = found[0]
        token = None
        limiter = None
        try:
            token, user = self.authenticate(call.headers.get("Authorization", ""))
            wait = self.budget_for(user).take(token)
            if wait:
                raise errors.rate_limited(wait)
            limiter = self.reads if call.method == "GET" else self.writes
            if not limiter.enter(token):
                limiter = None
                raise errors.rate_limited(1)
            if found is None:
                raise errors.no_route()
            kind, applied = self.sandbox.faults.draw()
            if kind is not None and not applied:
                self.fault(call, kind)
                return
            data = self.read_data(call)
            status, body, headers = self.run(call.method, call.path, found, parse_qs(call.query), data, user)
            if kind is not None:  # applied, then the response is lost
                self.fault(call, kind, (status, body, headers))
                return
            call.send(status, body, headers)
        except AsanaError as e:
            call.send(e.status, _dumps(e.body()), e.headers)
        except Exception:  # a bug in the sandbox: Asana's 500, and the traceback for whoever runs it
            import traceback

            traceback.print_exc()
            call.send(500, _dumps(errors.server_error(500).body()))
        finally:
            if limiter is not None:
                limiter.leave(token)

    def authenticate(self, header: str) -> tuple[str, str]:
        scheme, _, token = header.partition(" ")
        user = self.store.tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        if not token.strip() or user is None:
            raise errors.unauthorized()
        return token.strip(), user

    def budget_for(self, user: str) -> TokenBuckets:
        workspaces = self.store.users[user]["workspaces"]
        if any(self.store.workspaces[w]["free"] for w in workspaces if w in self.store.workspaces):
            return self.free_budget
        return self.budget

    @staticmethod
    def read_data(call: Call):
        if not call.body or call.method in ("GET", "DELETE"):
            return {}
        try:
            body = json.loads(call.body)
        except ValueError:
            raise errors.invalid("Could not parse request data, invalid JSON") from None
        if not isinstance(body, dict):
            raise errors.invalid("Request data must be a JSON object")
        data = body.get("data", {})
        if not isinstance(data, dict):
            raise errors.invalid("data: Value must be a JSON object")
        return data

    def run(self, method: str, path: str, found, query: dict, data: dict, user: str):
        """Run one matched request (also one action of a batch): (status, body bytes, headers)."""
        _, handler, params = found
        req = Request(self, method, path, params, query, data, user, self.sandbox.url + PREFIX)
        with self.store.lock:
            self.store.me = user
            result = handler(req)
            if method != "GET":
                self.store.save()
            body = self.render(req, result)
            self.courier.flush(self.store)
        headers = {"Location": result.location} if result.location else {}
        return result.status, body, headers

    def render(self, req: Request, result: Result) -> bytes:
        renderer = Renderer(self.store, written=result.written)
        value = result.value
        if isinstance(value, list) and value and isinstance(value[0], Ref):
            key = (tuple(req.query.get("opt_fields") or ()), result.full, result.written, req.user)
            data = b"[" + b",".join(self.cached(renderer, ref, req.tree, key) for ref in value) + b"]"
        else:
            data = _dumps(show(renderer, value, req.tree, result.full))
        rest = {}
        if result.next_page is not False:
            rest["next_page"] = result.next_page
        rest.update(result.extra)
        tail = _dumps(rest)[1:] if rest else b"}"
        return b'{"data":' + data + (b"," + tail if rest else tail)

    def cached(self, renderer, ref: Ref, tree, key) -> bytes:
        """One record of a list as JSON, rendered once per state of the store: any write (a
        non-GET request, a control call) starts a new generation."""
        store = self.store
        entry = self.render_cache.get((ref.gid, key))
        if entry is not None and entry[0] == store.generation:
            return entry[1]
        data = _dumps(show(renderer, ref, tree, key[1]))
        if len(self.render_cache) > 50_000:
            self.render_cache.clear()
        self.render_cache[(ref.gid, key)] = (store.generation, data)
        return data

    def fault(self, call: Call, kind: str, response=None) -> None:
        if kind == "drop":
            call.drop()
            return
        if kind == "slow":
            self.sandbox.stopping.wait(self.sandbox.faults.slow_seconds)
            if response is not None:
                call.send(*response)
                return
            kind = "504"
        status = int(kind)
        err = errors.rate_limited(1) if status == 429 else errors.AsanaError(409, "Conflict") if status == 409 \
            else errors.server_error(status)
        call.send(status, _dumps(err.body()), err.headers)


def _dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
