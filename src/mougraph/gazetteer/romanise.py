"""Revised Romanization of Korean (국어의 로마자 표기법, 2000) for place names, with its assimilation rules.

Hand-written because the packages that do this either skip the sound changes the system writes (nasalisation,
lateralisation: 종로 is Jongno, 신라 is Silla) or pull in a dictionary-sized dependency. What it produces is a
*generated* name and is stored as such (``mg:romanisedName``), never as an official English name.

Rules applied between syllables of one word (the spelling rules 1.1 of the system): nasalisation (ㄱㄷㅂ before
ㄴㅁ, and any stop or ㅁㅇ before ㄹ), lateralisation (ㄴ-ㄹ, ㄹ-ㄴ → ll), ㄹ as r before a vowel and l elsewhere,
a final consonant carried over before a vowel, aspiration when ㅎ meets ㄱㄷㅈ (but not after ㄱㄷㅂ in nouns:
묵호 Mukho). Tensing is not written. An administrative unit (도 시 군 구 ...) is joined with a hyphen, and sound
changes do not cross the hyphen (종로구 → Jongno-gu).
"""

from __future__ import annotations

INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
          "yu", "eu", "ui", "i"]
# Finals as pronounced at the end of a word (the representative sound), index = jongseong.
FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
          "ng", "t", "t", "k", "t", "p", "t"]
# The consonant a final becomes when carried over before a vowel (jongseong index -> choseong romanisation).
CARRY = {1: "g", 2: "kk", 3: "gs", 4: "n", 5: "nj", 6: "nh", 7: "d", 8: "r", 9: "lg", 10: "lm", 11: "lb", 12: "ls",
         13: "lt", 14: "lp", 15: "lh", 16: "m", 17: "b", 18: "bs", 19: "s", 20: "ss", 22: "j", 23: "ch", 24: "k",
         25: "t", 26: "p", 27: ""}

#: Administrative units, longest first: written after a hyphen.
UNITS = ("특별자치시", "특별자치도", "통합특별시", "특별시", "광역시", "직할시",
         "도", "시", "군", "구", "읍", "면", "동", "리", "가")


def _split(ch: str) -> tuple[int, int, int] | None:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code // 588, (code % 588) // 28, code % 28


def romanise_word(word: str) -> str:
    """One word, sound changes applied between its syllables, lower case."""
    syllables = [_split(ch) for ch in word]
    out: list[str] = []
    for i, parts in enumerate(syllables):
        if parts is None:
            out.append(word[i])
            continue
        initial, vowel, final = parts
        prev = syllables[i - 1] if i > 0 else None
        onset = INITIALS[initial]
        if prev is not None:
            onset = _onset(prev[2], initial)
        elif initial == 5:
            onset = "r"
        nxt = syllables[i + 1] if i + 1 < len(syllables) else None
        coda = FINALS[final] if nxt is None else _coda(final, nxt[0])
        out.append(onset + VOWELS[vowel] + coda)
    return "".join(out)


def _coda(final: int, next_initial: int) -> str:
    """How ``final`` is written before a syllable starting with ``next_initial``."""
    if final == 0:
        return ""
    sound = FINALS[final]
    if next_initial == 11:  # ㅇ: the final is carried over to the next syllable (written there)
        return "ng" if final == 21 else ""
    if next_initial == 18 and final in (1, 7, 17, 22):  # ㄱㄷㅂㅈ + ㅎ: written as is (묵호 Mukho)
        return sound
    if final in (6, 15, 27) and next_initial in (0, 3, 12):  # ㅎ + ㄱㄷㅈ: aspirated next initial
        return FINALS[final] if final != 27 else ""
    if next_initial in (2, 6) or next_initial == 5:  # before ㄴ ㅁ ㄹ: nasal or lateral
        if sound == "k":
            return "ng"
        if sound == "t":
            return "n"
        if sound == "p":
            return "m"
        if sound == "l" or (sound == "n" and next_initial == 5):
            return "l"
        return sound  # n m ng
    return sound


def _onset(prev_final: int, initial: int) -> str:
    """How ``initial`` is written after a syllable ending in ``prev_final``."""
    plain = INITIALS[initial]
    if prev_final == 0:
        return "r" if initial == 5 else plain
    sound = FINALS[prev_final]
    if initial == 11:  # ㅇ: liaison
        return "" if prev_final == 21 else CARRY.get(prev_final, "")
    if prev_final in (6, 15, 27) and initial in (0, 3, 12):
        return {0: "k", 3: "t", 12: "ch"}[initial]
    if initial == 18 and prev_final in (1, 7, 17, 22):
        return "h"
    if initial == 5:  # ㄹ
        if sound in ("l", "n") and (sound == "l" or prev_final == 4):
            return "l"
        return "n"
    if initial == 2 and sound == "l":  # ㄹ + ㄴ
        return "l"
    return plain


def romanise(name: str) -> str:
    """A place name as RR writes it: capitalised, its unit after a hyphen (서울특별시 → Seoul-teukbyeolsi)."""
    words = []
    for word in name.split():
        words.append(_with_unit(word))
    return " ".join(words)


def _with_unit(word: str) -> str:
    for unit in UNITS:
        if word.endswith(unit) and len(word) > len(unit):
            root = word[: -len(unit)]
            # a one-syllable root keeps its unit (e.g. 중구 → Jung-gu)
            return romanise_word(root).capitalize() + "-" + romanise_word(unit)
    return romanise_word(word).capitalize()
