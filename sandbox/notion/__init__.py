"""The Notion API (2025-09-03) on the sandbox core: store, routes, pages, data sources, queries,
formulas, rendering, comments, users, blocks and Notion's errors."""
