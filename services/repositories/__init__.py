"""Postgres access: the unit of work and the repositories it hands out."""
