"""Clients for the world outside: broker, models, storage, vectors, mail, transport."""
