"""The two bases a figure is printed on — 预算数 (what was planned) and 决算数 (what was spent) —
and which kind of disclosure prints which."""

from typing import Literal

Basis = Literal["预算数", "决算数"]
BASES: tuple[Basis, ...] = ("预算数", "决算数")


def basis_of(kind: str) -> Basis:
    """The basis a document of this kind prints its own figures on: a 决算 its 决算数, a 预算 its
    预算数."""
    return "决算数" if kind == "决算" else "预算数"


def kind_printing(basis: str | None) -> str:
    """The kind of disclosure whose own figures are of this basis (决算 unless 预算数 is asked)."""
    return "预算" if basis == "预算数" else "决算"


def other_kind(kind: str) -> str:
    """预算 for 决算, 决算 for 预算."""
    return "预算" if kind == "决算" else "决算"
