"""``python -m tregua.interfaces.cli``: the ``tregua`` command."""

from tregua.interfaces.cli import app

app()
