"""The REST API (/api/v1/): thin views over the same access checks, selectors and services as the web UI."""
