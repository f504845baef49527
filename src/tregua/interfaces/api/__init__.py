"""The REST API: read-only resources over the store, one write behind a bearer token.

``routes.build_router`` holds the endpoints, ``models`` their exact bodies, ``limits`` the
request-size limit, ``cache`` the cache of GET replies (pages included) that a write to the
store makes stale; ``tregua.interfaces.web.app.create_app`` serves them with the dashboard.
"""
