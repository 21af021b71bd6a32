"""YAML from untrusted places (article front matter, the user's actors.yaml) with bounded work.

PyYAML's safe loader shares aliased nodes, but anything that walks the result (validation,
``str()`` of a list) expands them: 353 bytes of nested aliases become 9^9 strings, minutes of
CPU and gigabytes of memory. A document that uses anchors is composed first and its expanded
size counted; past MAX_YAML_NODES it is refused with YAMLTooLarge, a YAMLError that says why.
"""
from __future__ import annotations

import re

import yaml

MAX_YAML_NODES = 200_000  # a whole document, aliases expanded (the packaged knowledge base is ~30,000)
#: libyaml's loader when PyYAML has it: the knowledge base parses ~10x faster (start-up time).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")  # "&name" starts an anchor; "Research & Development" does not


class YAMLTooLarge(yaml.YAMLError):
    """A YAML document that would expand beyond MAX_YAML_NODES (an alias bomb) or nests too deep."""


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_: set[int]) -> int:
    """Nodes the document becomes once every alias is expanded (shared nodes counted each time)."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_:
        raise YAMLTooLarge("a recursive alias (an anchor used inside itself)")
    open_.add(key)
    total = 1
    if isinstance(node, yaml.SequenceNode):
        children: list[yaml.Node] = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = []
    for child in children:
        total += _expanded_size(child, sizes, open_)
        if total > MAX_YAML_NODES:
            raise YAMLTooLarge(f"it would expand to more than {MAX_YAML_NODES:,} values (alias expansion)")
    open_.discard(key)
    sizes[key] = total
    return total


def safe_load(text: str) -> object:
    """yaml.safe_load that refuses alias bombs (anchors are rare: without one nothing can expand).

    >>> safe_load("a: &x [1, 2]\\nb: *x")
    {'a': [1, 2], 'b': [1, 2]}
    """
    try:
        if _ANCHOR.search(text):
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            if node is not None:
                _expanded_size(node, {}, set())
        return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except RecursionError:
        raise YAMLTooLarge("it nests too deeply") from None
