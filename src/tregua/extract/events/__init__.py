"""Events: POLECAT-typed happenings with status, date, place, sides and casualties.

One module per job: ``triggers`` (which words start an event), ``participants`` (its sides
and place), ``status``, ``dating``, ``casualties``, and ``coreference`` (the mentions of one
event joined); ``find`` runs them over a document.
"""

from tregua.extract.events.find import find_events

__all__ = ["find_events"]
