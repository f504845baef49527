"""Resolve: link mentions to entities, time expressions to dates, names to places."""
