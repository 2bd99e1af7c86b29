"""What the API, the CLI and the stages ask for, each written once over the adapters."""
