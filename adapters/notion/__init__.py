"""The Notion tracker: a program kept in two Notion data sources, through `notion-client`."""
