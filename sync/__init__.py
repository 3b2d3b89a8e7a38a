"""Running passes: read, evaluate, plan, apply, record state; the CLI and the scheduler."""
