"""The core of certsync: the common model and the rule engine. Pure: no I/O, no clock, no SDKs."""
