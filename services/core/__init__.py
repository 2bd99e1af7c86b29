"""Errors and keys every layer of services shares."""
