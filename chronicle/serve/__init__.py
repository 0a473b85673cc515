"""`chronicle serve`: an HTTP API and a web app over one store.

`create_app(db, token)` builds the FastAPI application (`chronicle.serve.app`); `chronicle/cli_serve.py`
runs it with uvicorn. The server owns the store while it runs (see `chronicle.serve.state`).
"""

from chronicle.serve.app import create_app

__all__ = ["create_app"]
