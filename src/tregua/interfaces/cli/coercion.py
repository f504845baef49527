"""Option values checked without pydantic when they are plainly right.

Typer 0.29 coerces every option value but a flag through a pydantic ``TypeAdapter`` that
it builds on first use: importing pydantic and building the adapters of ``timeline``'s
options was 0.10 s of a read command's 1.4 s. ``Command`` gives each option of a plain
type (``str``, ``int``, ``float``, ``bool``) a check of its own that answers a value that is
plainly right (a string; digits within the option's ``min`` and ``max``; a flag's
``True`` or ``False``) as the adapter would,
and hands anything else to Typer's own adapter, so that a wrong value is refused with
Typer's message, word for word (``tests/interfaces/test_cli_options.py`` holds both).

It sets the parameter's ``_runtime_param``, which Typer builds lazily on first use, and
imports Typer's private ``_click``, ``_coercion`` and ``_TyperParameter`` (Typer 0.29, the
version the lock pins). With another Typer that lacks them this module does not import,
and ``app`` falls back to Typer's own command classes: the options are coerced by Typer
itself, as before (slower, not wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from typer._click import Context
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import TyperCommand, TyperGroup, _TyperParameter

#: what ``int`` and pydantic read alike: ASCII digits, no sign, no spaces, no underscore
_INT = re.compile(r"[0-9]{1,18}")
#: the same, with an optional fraction: a decimal that both round alike
_FLOAT = re.compile(r"[0-9]{1,15}(\.[0-9]{1,15})?")


@dataclass(frozen=True)
class PlainParam(RuntimeParam):
    """A ``str``, ``int``, ``float`` or ``bool`` option: a plainly right value answered
    here, any other value by Typer's own coercion (its adapter, its message)."""

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        kind = self.annotation
        if (kind is str and isinstance(value, str)) or (kind is bool and type(value) is bool):
            return value
        if kind is int or kind is float:
            number = _number(kind, value)
            info = self.parameter_info
            if (
                number is not None
                and (info.min is None or number >= info.min)
                and (info.max is None or number <= info.max)
            ):
                return number
        typer_own = build_runtime_param(param.type_descriptor)
        return typer_own._coerce_value(value, param=param, ctx=ctx)


def _number(kind: type, value: Any) -> int | float | None:
    """``value`` as ``kind`` when it is one already (a default) or a plain decimal string."""
    if type(value) is kind and isinstance(value, int | float):
        return value
    if kind is int and isinstance(value, str) and _INT.fullmatch(value):
        return int(value)
    if kind is float and isinstance(value, str) and _FLOAT.fullmatch(value):
        return float(value)
    if kind is float and type(value) is int:
        return float(value)
    return None


def plain(param: Any) -> RuntimeParam | None:
    """The plain check for ``param``, or None when Typer's own coercion is needed (a
    list, a path, a file, a parser of its own, a clamped number)."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.file_annotation is not None:
        return None
    info = descriptor.parameter_info
    if info.parser is not None or info.clamp:
        return None
    if descriptor.annotation not in (str, int, float, bool):
        return None
    if getattr(param, "multiple", False) or getattr(param, "nargs", 1) != 1:
        return None
    return PlainParam(parameter_info=info, annotation=descriptor.annotation)


def _plain_params(params: list[Any]) -> None:
    for param in params:
        if getattr(param, "_runtime_param", False) is None:  # not built yet
            quick = plain(param)
            if quick is not None:
                param._runtime_param = quick


class Command(TyperCommand):
    """A Typer command whose plain options are checked by ``PlainParam``."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        _plain_params(self.get_params(ctx))
        return super().parse_args(ctx, args)


class Group(TyperGroup):
    """The app's group (``--version``, ``--help``), its options checked alike."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        _plain_params(self.get_params(ctx))
        return super().parse_args(ctx, args)
