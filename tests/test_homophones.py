"""Characters that sound alike, exactly or to many speakers (service/homophones.py)."""

from caiwen.service.homophones import Homophones, near
from caiwen.service.names import rules
from caiwen.service.understand import clean

BLURRED = rules()["blurred_sounds"]


def test_the_sounds_many_speakers_blur_are_one() -> None:
    assert near("zheng", BLURRED) == near("zhen", BLURRED) == "zen"
    assert near("shi", BLURRED) == near("si", BLURRED)
    assert near("jing", BLURRED) == near("jin", BLURRED)
    assert near("zhang", BLURRED) == "zan"


def test_a_character_of_a_blurred_sound_is_alike_only_when_asked() -> None:
    vocabulary = Homophones(["深圳市", "住建局"], BLURRED)
    assert vocabulary.alike("证") == []  # zheng is no zhen
    assert vocabulary.alike("证", blurred=True) == ["圳"]
    assert vocabulary.alike("键") == ["建"]


def test_the_words_every_question_says_are_read_through_a_slip_of_their_sound() -> None:
    assert clean("北京交管局26年的预酸一共多少钱") == "北京交管局26年的预算一共多少钱"
    assert clean("2024年决蒜") == "2024年决算"
    assert clean("预备费多少") == "预备费多少"  # another word, not a slip
