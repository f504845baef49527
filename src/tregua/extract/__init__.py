"""Extract: events, quotes and stances from the parsed, resolved document."""
