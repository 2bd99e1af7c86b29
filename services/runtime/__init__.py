"""Running the product: the supervisor, the embedded Postgres, migrations, backups."""
