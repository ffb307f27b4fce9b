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


def heard_in(said: str, name: str) -> bool:
    """Whether a stretch of a name sounds as the characters said do (招代 in 招待费)."""
    heard = [sound(c) for c in said]
    return any(
        [sound(c) for c in name[at : at + len(said)]] == heard
        for at in range(len(name) - len(said) + 1)
    )


def near(syllable: str, blurred: dict[str, list[list[str]]]) -> str:
    """A syllable as it sounds where the sounds many speakers do not tell apart are one (zheng
    and zhen, shi and si: of each pair of ``blurred`` initials and finals, the first written as
    the second)."""
    for said, heard in blurred.get("initials", []):
        if syllable.startswith(said):
            syllable = heard + syllable[len(said) :]
    for said, heard in blurred.get("finals", []):
        if syllable.endswith(said):
            syllable = syllable[: -len(said)] + heard
    return syllable


class Homophones:
    """The characters of a vocabulary by their sound, and by their sound blurred (``blurred``:
    pairs of sounds many speakers do not tell apart)."""

    def __init__(self, words: Iterable[str], blurred: dict[str, list[list[str]]] | None = None):
        self.chars = {c for word in words for c in word if _chinese(c)}
        self._blurred = blurred or {}
        self._by_sound: dict[str, list[str]] = {}
        self._by_near: dict[str, list[str]] = {}
        for char in sorted(self.chars):
            self._by_sound.setdefault(sound(char), []).append(char)
            self._by_near.setdefault(near(sound(char), self._blurred), []).append(char)

    def alike(self, char: str, blurred: bool = False) -> list[str]:
        """The vocabulary's other characters that sound like one (建 → 健 of 卫健委: a slip
        can put one name's character in another's place); with ``blurred``, also those that
        sound like it to many speakers (证 → 圳 of 深圳)."""
        if not _chinese(char):
            return []
        by, heard = (
            (self._by_near, near(sound(char), self._blurred))
            if blurred
            else (self._by_sound, sound(char))
        )
        return [c for c in by.get(heard, []) if c != char]


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
