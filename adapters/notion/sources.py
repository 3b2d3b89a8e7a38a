"""Which data source a configured id means: a data source id, or a database with one data source.

Resolved once and remembered between passes: a configured data source id costs no request of its
own (the first query tries it as a data source), a database id one retrieve.
"""

from __future__ import annotations

from typing import Any

from notion_client.errors import HTTPResponseError

from certsync.adapters.notion.client import NotionClient
from certsync.adapters.notion.errors import describe
from certsync.adapters.tracker import TrackerError


class Sources:
    """`[notion] enrollments` and `check_ins`, each resolved to its data source id."""

    def __init__(self, client: NotionClient, settings: Any) -> None:
        self.client = client
        self.settings = settings
        self.ids: dict[str, str] = {}  # configured id -> its data source id

    def _where(self, setting: str) -> str:
        return f"[notion] {setting} = '{getattr(self.settings, setting)}'"

    def resolve(self, setting: str) -> str:
        """The data source id behind `setting`, at the cost of at most one request, once."""
        ident = getattr(self.settings, setting)
        if ident not in self.ids:
            try:
                self.client.read(self.client.api.data_sources.retrieve, data_source_id=ident)
                self.ids[ident] = ident
            except HTTPResponseError as error:
                if error.status not in (400, 404):
                    raise self._error(setting, error) from error
                self.ids[ident] = self._source_of_database(setting)
        return self.ids[ident]

    def call(self, setting: str, call: Any, **kwargs: Any) -> Any:
        """`call(data_source_id=..., **kwargs)` on the data source behind `setting`. One not yet
        resolved is tried as a data source first, so a data source id costs nothing extra."""
        configured = ident = getattr(self.settings, setting)
        if configured in self.ids:
            return self.client.read(call, data_source_id=self.ids[configured], **kwargs)
        try:
            result = self.client.read(call, data_source_id=ident, **kwargs)
        except HTTPResponseError as error:
            if error.status not in (400, 404):
                raise self._error(setting, error) from error
            ident = self._source_of_database(setting)
            result = self.client.read(call, data_source_id=ident, **kwargs)
        self.ids[configured] = ident
        return result

    def _source_of_database(self, setting: str) -> str:
        try:
            database = self.client.read(self.client.api.databases.retrieve,
                                        database_id=getattr(self.settings, setting))
        except HTTPResponseError as error:
            raise TrackerError(f"{self._where(setting)}: no data source or database with this id is shared "
                               f"with the integration ({describe(error, self.settings.token_env)})",
                               status=error.status) from error
        sources = database.get("data_sources") or []
        if len(sources) != 1:
            raise TrackerError(f"{self._where(setting)}: this database has {len(sources)} data sources; "
                               "set the data source id instead")
        return sources[0]["id"]

    def _error(self, setting: str, error: HTTPResponseError) -> TrackerError:
        return TrackerError(f"{self._where(setting)}: {describe(error, self.settings.token_env)}",
                            status=error.status)
