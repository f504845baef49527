"""Readers: turn files, folders and standard input into ``RawDoc`` records.

Only this stage, the store and the interfaces touch the file system.
"""

from tregua.ingest.files import read_inputs

__all__ = ["read_inputs"]
