"""`Sandbox`: the Python API that starts, configures, inspects and stops the server, with every
API it serves (Notion under /notion)."""

from __future__ import annotations

from .core.service import SandboxCore
from .notion.api import NotionApi
from .notion.control import NotionControls

DEFAULT_TOKEN = "ntn_sandbox"


class Sandbox(NotionControls, SandboxCore):
    """A local Notion API. `Sandbox(...).start()` serves it in a background thread."""

    def __init__(self, token: str = DEFAULT_TOKEN, rate_limit: float = 3.0, burst: int = 10, faults: str = "",
                 seed: int = 0, data: str | None = None, slow_seconds: float = 3.0):
        super().__init__(token, faults=faults, seed=seed, data=data, slow_seconds=slow_seconds)
        self.notion = self.serve_api(NotionApi(self, rate_limit, burst))
        self.load_data()
