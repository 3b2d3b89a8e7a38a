"""A local, stateful stand-in for the Notion API. Speaks only HTTP; imports nothing of certsync's."""
