"""The names a question can use for what it asks about: the catalogue's names and the labels
the stored documents print (each also without the ending people leave out), found in a
question longest first, without overlaps."""

from collections.abc import Iterable

from caiwen.service.labels import core_of, label_of


class Lexicon:
    def __init__(self, catalogue_names: Iterable[str], labels: Iterable[str]):
        self.names: dict[str, str] = {}
        """Every name as said → the name the tools are asked for."""
        for name in catalogue_names:
            if len(name) >= 2:
                self.names.setdefault(name, name)
        self.labels: set[str] = set()
        for printed in labels:
            label = label_of(printed)
            if label is None or len(label) < 3:
                continue
            self.labels.add(label)
            for said in (label, core_of(label)):
                if len(said) >= 3:
                    self.names.setdefault(said, label)
        self._by_first: dict[str, list[str]] = {}
        for said in sorted(self.names, key=lambda n: (-len(n), n)):
            self._by_first.setdefault(said[0], []).append(said)

    def find(self, text: str, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The names in a text, longest first, none overlapping another or what is taken;
        each as (start, end, the name the tools are asked for)."""
        found = list(taken)
        spans = [
            (start, start + len(said), said)
            for start in range(len(text))
            for said in self._by_first.get(text[start], ())
            if text.startswith(said, start)
        ]
        for start, end, said in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, self.names[said]))
        return found
