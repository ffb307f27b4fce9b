"""The lines a table prints under a line, where it prints no subject codes (湖州's 收支预算总表:
公立医院 423742.34, then 综合医院, 中医（民族）医院, 精神病医院, 妇幼保健医院, 其他公立医院支出):
the lines right after it that add up to it, each with the lines under it passed over."""

import sqlite3
from decimal import Decimal
from functools import cache

DEPTH = 3
"""How many levels of lines under a line are looked through (类, 款, 项)."""


def lines_under(cells: list[sqlite3.Row], at: int, tolerance: Decimal) -> list[sqlite3.Row]:
    """The lines of one column (in the order printed) that the line ``at`` divides into: those
    after it adding up to its amount within ``tolerance`` a line (each printed rounded: 杭州公安局's
    商品和服务支出 42,896.41 is its twenty lines' 42,896.42), each line's own lines (those after
    it adding up to it) passed over; none where no such lines follow."""
    amounts = [Decimal(c["amount"]) for c in cells]

    @cache
    def divided(start: int, total: Decimal, depth: int) -> tuple[tuple[int, ...], int] | None:
        """The lines from ``start`` adding up to ``total`` and where they end."""
        return _from(start, total, Decimal(0), (), depth)

    @cache
    def _from(
        start: int, total: Decimal, added: Decimal, taken: tuple[int, ...], depth: int
    ) -> tuple[tuple[int, ...], int] | None:
        within = tolerance * max(1, len(taken))
        if taken and abs(added - total) <= within:
            return taken, start
        if start >= len(cells) or added - total > within:
            return None
        own = divided(start + 1, amounts[start], depth - 1) if depth > 1 else None
        after = [own[1]] if own else []  # its own lines passed over, else none under it
        for end in [*after, start + 1]:
            found = _from(end, total, added + amounts[start], (*taken, start), depth)
            if found:
                return found
        return None

    found = divided(at + 1, amounts[at], DEPTH)
    return [cells[i] for i in found[0]] if found else []
