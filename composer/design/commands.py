"""Edits of a design as data: each command applied gives a new design and its inverse.

Widgets never change a design; they push commands (the Qt undo stack only wraps these).
``merge`` lets consecutive moves of the same layers collapse into one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from composer.design.model import Box, Design, Field, Layer


@dataclass(frozen=True)
class SetBox:
    """Place a layer on one family of canvases ("tall" or "wide")."""

    layer_id: str
    family: str
    box: Box | None  # None removes the wide override


@dataclass(frozen=True)
class SetProps:
    layer_id: str
    props: tuple[tuple[str, Any], ...]  # (key, value); a value of None removes the key


@dataclass(frozen=True)
class SetAttrs:
    """Layer attributes outside props: name, visible, locked, rotation, opacity."""

    layer_id: str
    attrs: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class AddLayer:
    layer: Layer
    index: int  # position among the top-level layers (paint order)


@dataclass(frozen=True)
class RemoveLayer:
    layer_id: str


@dataclass(frozen=True)
class MoveInStack:
    layer_id: str
    index: int


@dataclass(frozen=True)
class SetField:
    key: str
    value: Any


@dataclass(frozen=True)
class SetBackground:
    value: str


@dataclass(frozen=True)
class Batch:
    """Several commands as one undo step (e.g. moving a multi-selection)."""

    commands: tuple[Command, ...]


@dataclass(frozen=True)
class ReplaceDesign:
    design: Design


Command = (
    SetBox
    | SetProps
    | SetAttrs
    | AddLayer
    | RemoveLayer
    | MoveInStack
    | SetField
    | SetBackground
    | Batch
    | ReplaceDesign
)


class CommandError(ValueError):
    """The command does not fit the design (a layer that is not there, say)."""


def _layer(design: Design, layer_id: str) -> Layer:
    layer = design.find(layer_id)
    if layer is None:
        raise CommandError(f"no layer {layer_id}")
    return layer


def apply(design: Design, command: Command) -> tuple[Design, Command]:
    """The design after *command*, and the command that undoes it."""
    if isinstance(command, SetBox):
        layer = _layer(design, command.layer_id)
        if command.family == "wide":
            old: Box | None = layer.wide
            new_layer = replace(layer, wide=command.box)
        else:
            if command.box is None:
                raise CommandError("a layer always has its tall box")
            old = layer.box
            new_layer = replace(layer, box=command.box)
        return design.replace_layer(layer.id, new_layer), SetBox(layer.id, command.family, old)
    if isinstance(command, SetProps):
        layer = _layer(design, command.layer_id)
        props = dict(layer.props)
        previous = tuple((key, props.get(key)) for key, _value in command.props)
        for key, value in command.props:
            if value is None:
                props.pop(key, None)
            else:
                props[key] = value
        return design.replace_layer(layer.id, replace(layer, props=props)), SetProps(layer.id, previous)
    if isinstance(command, SetAttrs):
        layer = _layer(design, command.layer_id)
        previous = tuple((key, getattr(layer, key)) for key, _value in command.attrs)
        return design.replace_layer(layer.id, replace(layer, **dict(command.attrs))), SetAttrs(
            layer.id, previous
        )
    if isinstance(command, AddLayer):
        layers = list(design.layers)
        index = max(0, min(command.index, len(layers)))
        layers.insert(index, command.layer)
        return replace(design, layers=tuple(layers)), RemoveLayer(command.layer.id)
    if isinstance(command, RemoveLayer):
        ids = [layer.id for layer in design.layers]
        if command.layer_id not in ids:
            raise CommandError(f"only top-level layers can be removed: {command.layer_id}")
        index = ids.index(command.layer_id)
        removed = design.layers[index]
        return replace(design, layers=design.layers[:index] + design.layers[index + 1 :]), AddLayer(
            removed, index
        )
    if isinstance(command, MoveInStack):
        layers = list(design.layers)
        ids = [layer.id for layer in layers]
        if command.layer_id not in ids:
            raise CommandError(f"no top-level layer {command.layer_id}")
        old_index = ids.index(command.layer_id)
        layer = layers.pop(old_index)
        layers.insert(max(0, min(command.index, len(layers))), layer)
        return replace(design, layers=tuple(layers)), MoveInStack(layer.id, old_index)
    if isinstance(command, SetField):
        fields = list(design.fields)
        for index, item in enumerate(fields):
            if item.key == command.key:
                fields[index] = replace(item, value=command.value)
                return replace(design, fields=tuple(fields)), SetField(item.key, item.value)
        fields.append(Field(command.key, command.key, "text", command.value))
        return replace(design, fields=tuple(fields)), ReplaceDesign(design)
    if isinstance(command, SetBackground):
        return replace(design, background=command.value), SetBackground(design.background)
    if isinstance(command, Batch):
        inverses: list[Command] = []
        for sub in command.commands:
            design, inverse = apply(design, sub)
            inverses.append(inverse)
        return design, Batch(tuple(reversed(inverses)))
    if isinstance(command, ReplaceDesign):
        return command.design, ReplaceDesign(design)
    raise CommandError(f"unknown command {command!r}")


def _pairs(command: Command) -> tuple[tuple[str, Any], ...]:
    if isinstance(command, SetProps):
        return command.props
    if isinstance(command, SetAttrs):
        return command.attrs
    return ()


def merge(first: Command, second: Command) -> Command | None:
    """One command doing both, when they are steps of one gesture; else None."""
    if (
        isinstance(first, SetBox)
        and isinstance(second, SetBox)
        and (first.layer_id, first.family) == (second.layer_id, second.family)
    ):
        return second
    if isinstance(first, Batch) and isinstance(second, Batch) and len(first.commands) == len(second.commands):
        merged = [merge(a, b) for a, b in zip(first.commands, second.commands, strict=True)]
        if all(m is not None for m in merged):
            return Batch(tuple(m for m in merged if m is not None))
    if isinstance(first, SetField) and isinstance(second, SetField) and first.key == second.key:
        return second
    if (
        isinstance(first, SetProps | SetAttrs)
        and type(first) is type(second)
        and first.layer_id == second.layer_id
        and [k for k, _v in _pairs(first)] == [k for k, _v in _pairs(second)]
    ):
        return second
    return None
