"""Parts and wholes as the metric catalogue divides them: what a metric is made of (all the way
down), which of several named metrics holds the others, the parts a whole's short words name
(货物 of 政府采购), and the part a name said short after another means. The planner asks these
when a question puts figures together (加起来对得上吗, 各占多少, 差多少)."""

from caiwen.domain.catalogue import Catalogue, Metric
from caiwen.service.labels import core_of


class Wholes:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    def id(self, name: str) -> str | None:
        """The catalogue metric a name means first, if any."""
        found = self.catalogue.resolve(name).metrics
        return found[0].id if found else None

    def below(self, name: str) -> set[str | None]:
        """The catalogue's parts of a metric, and their parts, and so on."""
        found, todo = set(), [name]
        while todo:
            metric = self.catalogue.metrics.get(self.id(todo.pop()) or "")
            for part in metric.parts if metric else ():
                if (i := self.id(part)) not in found:
                    found.add(i)
                    todo.append(part)
        return found

    def inside(self, whole: str, part: str) -> bool:
        """Whether a metric is inside another, by the catalogue's parts all the way down or by
        its subject code under one of theirs (办公费 30201 under 商品和服务支出 302 of 基本支出)."""
        below = self.below(whole) | {self.id(whole)}
        if (known := self.id(part)) is not None and known in below:
            return True  # (a name the catalogue does not know is inside nothing by its parts)
        code = self._code(part)
        codes = {c for i in below if i and (c := self._code(i))}
        return bool(code) and any(code != c and code.startswith(c) for c in codes)

    def _code(self, name: str) -> str | None:
        found = self.catalogue.resolve(name).metrics
        return found[0].code if found else None

    def holding(self, names: list[str]) -> str | None:
        """The name whose catalogue parts hold another of those named, all the way down
        (本年支出合计 of 基本支出 and 项目支出; 三公经费 of 公车运行维护费), if one does."""
        for name in names:
            others = [o for o in names if self.id(o) != self.id(name)]
            if self.id(name) and any(self.inside(name, other) for other in others):
                return name
        return None

    def made_of(self, names: list[str]) -> str | None:
        """The whole the catalogue divides into exactly these (公务用车购置及运行费 of 公务用车
        购置费 and 公务用车运行费), if one does."""
        ids = {self.id(n) for n in names}
        if None in ids or len(ids) < 2:
            return None
        wholes = (w for w in self.catalogue.metrics.values() if w.parts)
        return next((w.id for w in wholes if {self.id(p) for p in w.parts} == ids), None)

    def parts_said(self, whole: Metric, said: str, each: bool = False) -> list[str]:
        """The parts of a whole whose own words a text says: what a part's name adds to the
        whole's (货物 of 政府采购货物), or a name or everyday word of its own (出国 of 因公出国
        （境）费 in 三公经费里因公出国的钱). Of each part asked, also what its names add to the
        words they share with the whole's (运行维护 of 公务用车运行维护费 under 公务用车购置及运行
        费: 买车和日常运行维护各占多少), but not inside the whole's own name as said."""
        for name in sorted(whole.names, key=len, reverse=True) if each else ():
            said = said.replace(name, "、")
        return [p for p in whole.parts if any(w in said for w in self._own_words(whole, p, each))]

    def _own_words(self, whole: Metric, part: str, shared_words: bool) -> list[str]:
        if part.startswith(whole.id):
            return [core_of(part[len(whole.id) :])]
        metric = self.catalogue.metrics.get(self.id(part) or "")
        if metric is None:
            return [part]
        if not shared_words:
            return list(metric.names)
        pairs = enumerate(zip(whole.id, part, strict=False))
        shared = next((whole.id[:i] for i, (a, b) in pairs if a != b), "")
        added = (core_of(n[len(shared) :]) for n in metric.names if len(shared) >= 2)
        return [*metric.names, *(w for w in added if len(w) >= 2)]

    def each_share(self, names: list[str], said: str) -> tuple[list[str], str] | None:
        """The parts and the whole of a share asked of each part: the one named that all the
        others are below (总支出 of 基本支出 and 项目支出), else the first whole the catalogue
        divides them all into, further down too; one whole named alone, with the short words of
        its parts after it (政府采购的货物和服务), is asked of those parts."""
        # (公车那块里头，买车和日常运行维护各占多少: the first a whole, more of its parts said
        # in their own words than named)
        metric = self.catalogue.metrics.get(self.id(names[0]) or "") if names else None
        said_parts = self.parts_said(metric, said, each=True) if metric else []
        if len(said_parts) > max(1, len(names) - 1) or len(names) == 1:
            return (said_parts, names[0]) if len(said_parts) > 1 else None
        for whole in names:
            parts = [n for n in names if n != whole]
            below = self.below(whole)
            if parts and all(self.id(p) in below for p in parts):
                return parts, whole
        ids = {self.id(n) for n in names}
        metrics = self.catalogue.metrics.values()
        common = next((w.id for w in metrics if ids <= self.below(w.id)), None)
        return (names, common) if len(names) > 1 and common else None
