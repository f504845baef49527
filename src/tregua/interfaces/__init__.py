"""Interfaces: the command line, the web page and (issue #8) the REST API."""
