"""Characters that sound alike: a pinyin input method's slip types one for another (住键局 for
住建局, 社会福利苑 for 社会福利院), so a name is also read with a character of the same sound in
place of one it uses, or of another name's (卫建委 for 卫健委)."""

from collections.abc import Iterable
from functools import cache

from pypinyin import Style, lazy_pinyin


@cache
def sound(char: str) -> str:
    """A character's syllable without its tone (键, 建 → jian)."""
    return lazy_pinyin(char, style=Style.NORMAL)[0]


class Homophones:
    """The characters of a vocabulary by their sound."""

    def __init__(self, words: Iterable[str]):
        self.chars = {c for word in words for c in word if _chinese(c)}
        self._by_sound: dict[str, list[str]] = {}
        for char in sorted(self.chars):
            self._by_sound.setdefault(sound(char), []).append(char)

    def alike(self, char: str) -> list[str]:
        """The vocabulary's other characters that sound like one (建 → 健 of 卫健委: a slip
        can put one name's character in another's place)."""
        if not _chinese(char):
            return []
        return [c for c in self._by_sound.get(sound(char), []) if c != char]


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
