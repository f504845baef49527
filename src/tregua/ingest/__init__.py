"""Readers: turn files, folders, standard input, feeds and archives into ``RawDoc`` records.

Only this stage, the store and the interfaces touch the file system and the network.
"""

from tregua.ingest.files import read_bytes, read_inputs, sniff

__all__ = ["read_bytes", "read_inputs", "sniff"]
