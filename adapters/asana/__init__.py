"""certsync's Asana tracker: two projects through the official `asana` SDK."""
