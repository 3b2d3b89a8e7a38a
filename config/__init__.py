"""Loading and validating certsync.toml."""
