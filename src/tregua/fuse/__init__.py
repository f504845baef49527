"""Fuse: cross-document work over stored records (events merged across articles)."""
