"""`Sandbox`: the Python API that starts, configures, inspects and stops the server, with every
API it serves (Notion under /notion, Asana under /asana/api/1.0)."""

from __future__ import annotations

from .asana.api import DEFAULT_PER_MINUTE, AsanaApi
from .asana.control import AsanaControls
from .core.service import SandboxCore
from .notion.api import NotionApi
from .notion.control import NotionControls

DEFAULT_TOKEN = "ntn_sandbox"


class Sandbox(NotionControls, AsanaControls, SandboxCore):
    """A local Notion and Asana API. `Sandbox(...).start()` serves both in a background thread.

    One token serves both (`Authorization: Bearer <token>`). `rate_limit`/`burst` are Notion's
    (requests a second), `asana_rate_limit` Asana's (requests a minute per token, default 1,500);
    `rate_limit=0` turns both off."""

    def __init__(self, token: str = DEFAULT_TOKEN, rate_limit: float = 3.0, burst: int = 10, faults: str = "",
                 seed: int = 0, data: str | None = None, slow_seconds: float = 3.0,
                 asana_rate_limit: float = DEFAULT_PER_MINUTE):
        super().__init__(token, faults=faults, seed=seed, data=data, slow_seconds=slow_seconds)
        self.notion = self.serve_api(NotionApi(self, rate_limit, burst))
        self.asana = self.serve_api(AsanaApi(self, asana_rate_limit if rate_limit else 0))
        self.load_data()
