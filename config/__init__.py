"""Loading and validating certsync.toml.

    from certsync.config import load_config, ConfigError
    config = load_config("certsync.toml")      # ConfigError lists every problem
    config.policy                               # rules.policy.Policy
    config.notion.fields.hours                  # field names for the adapters
    config.notion.token()                       # from $NOTION_TOKEN (or [notion] token_env)
"""

from certsync.config.errors import ConfigError, Problem
from certsync.config.fields import AsanaCheckInFields, AsanaFields, NotionCheckInFields, NotionFields
from certsync.config.load import DEFAULT_PATH, load_config
from certsync.config.model import Config
from certsync.config.schema import config_schema
from certsync.config.sections import (
    AsanaSection, NotionSection, PolicySection, ProgramSection, SyncSection, TrackerSection,
)

__all__ = [
    "AsanaCheckInFields", "AsanaFields", "AsanaSection", "Config", "ConfigError", "DEFAULT_PATH",
    "NotionCheckInFields", "NotionFields", "NotionSection", "PolicySection", "Problem",
    "ProgramSection", "SyncSection", "TrackerSection", "config_schema", "load_config",
]
