"""The REST API: read-only resources over the store, one write behind a bearer token.

One module per resource holds its router (``documents``, ``events``, ``quotes``,
``entities``, ``stances``, ``search``, ``ingest``), ``routes.router`` joins them under
``/api``, ``common`` holds their shared parameters and the application state they read,
``worker`` the thread and budget of ingests, ``models`` the exact bodies, ``limits`` the
request-size limit, ``cache`` the cache of GET replies (pages included) that a write to the
store makes stale; ``tregua.interfaces.web.app.create_app`` serves them with the dashboard.
"""
