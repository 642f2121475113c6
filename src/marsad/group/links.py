"""Connected groups of linked items (union-find), shared by duplicates and events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)


def connected_groups(
    pairs: Iterable[tuple[Item, Item]], items: Iterable[Item] = ()
) -> list[list[Item]]:
    """The connected groups of the linked ``pairs`` (``items`` not in any pair stand alone),
    in order of first appearance, each in the order its members first appeared."""
    parent: dict[Item, Item] = {}

    def root(item: Item) -> Item:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for item in items:
        root(item)
    for first, second in pairs:
        a, b = root(first), root(second)
        if a != b:
            parent[b] = a
    groups: dict[Item, list[Item]] = defaultdict(list)
    for item in parent:
        groups[root(item)].append(item)
    return list(groups.values())
