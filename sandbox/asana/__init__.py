"""The Asana API (1.0) on the sandbox core: workspaces, users, teams, projects, sections, tasks,
custom fields, stories, status updates, events, batch and webhooks, with Asana's envelope, errors,
pagination, opt_fields and rate limits."""
