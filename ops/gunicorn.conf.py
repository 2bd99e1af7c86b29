# Gunicorn settings for the Salesboy API (used by `salesboy up`; usable directly:
#   gunicorn -c ops/gunicorn.conf.py --bind 0.0.0.0:8000 'api:create_app()').
# The gevent worker keeps long-lived SSE streams cheap.
worker_class = "gevent"
workers = 1
graceful_timeout = 5
timeout = 60
errorlog = "-"


def worker_exit(server, worker):
    # Close the pool and clients while the event loop still runs; left to the
    # garbage collector they fail during interpreter shutdown.
    app = getattr(worker, "wsgi", None)
    container = getattr(app, "extensions", {}).get("salesboy") if app is not None else None
    if container is not None:
        container.close()
