"""Chinese analysis shared by both search engines.

Text is segmented here, in Python, with jieba plus the union's own vocabulary, and both engines index
the resulting tokens as they are (Elasticsearch through its ``whitespace`` analyzer), so the embedded
engine and Elasticsearch agree on what matches what. Besides words, titles and summaries get character
bigrams (partial words) and titles get pinyin syllable pairs and initials (typos, homophones, "jqzx").

Tokens live in namespaces told apart by a prefix: plain words, ``g:`` character bigrams, ``s:`` pinyin
syllable pairs and ``i:`` pinyin initials. A query becomes a :class:`QueryPlan`: concepts (what the
worker asked about), each satisfied by any one of its alternatives (the word itself, its bigrams, its
sub-words, its pinyin, its synonyms), and a minimum number of concepts a document must satisfy.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

import jieba
from pypinyin import phrases_dict, pinyin_dict
from pypinyin.contrib.tone_convert import to_normal

jieba.setLogLevel(logging.WARNING)

GRAM = "g:"
SYLLABLES = "s:"
INITIALS = "i:"
PREFIX_MARK = "*"
MAX_TOKEN_LENGTH = 48
MAX_QUERY_LENGTH = 64
INITIALS_GRAM = 4
CUT_CACHE_SIZE = 200_000
PHRASE_LONGEST = 4
SYNONYM_WEIGHT = 0.6
# How many union words an unfinished last word ("职代") may stand for, shortest first.
UNFINISHED_WORDS = 4
# A broader word (子女 for 闺女) also finds what the worker meant, but less surely than a synonym.
BROADER_WEIGHT = 0.45
# A query with one of these is a question: answers (FAQs) are what the worker wants.
QUESTION_MARKERS = (
    *("吗", "呢", "怎么", "怎样", "如何", "多少", "什么", "哪", "谁"),
    *("能不能", "可不可以", "是否", "?", "？"),
)

# Particles a spoken phrase may hold inside it: 考上了个本科 is 考上本科, and 困难的职工 is 困难职工.
INNER_PARTICLES = frozenset("了着过个的")

# Text is split into runs of Han characters and runs of Latin letters and digits; everything else separates.
HAN_RUN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
RUNS = re.compile(rf"({HAN_RUN})|([a-z0-9]+)")
HAN = re.compile(HAN_RUN)
HAN_TAIL = re.compile(rf"{HAN_RUN}$")
LATIN_WORD = re.compile(r"^[a-z]+$")

# Function words and question words: they carry no subject, in documents or in workers' questions.
_STOPWORD_TEXT = """
    的 了 吗 呢 吧 啊 呀 嘛 哦 么 着 过 地 得 之 其 而 且 或 及 与 和 跟 同 并 也 都 就 还 又 再 才
    是 有 在 为 以 对 从 到 把 被 给 向 于 由 让 将 等 个 这 那 此 该 每 各 些
    我 你 您 他 她 它 我们 你们 他们 咱们 自己 本人
    能 能否 可以 可 会 要 想 需要 应该 是否 是不是 有没有 能不能 可不可以 可否
    怎么 怎样 怎么样 如何 什么 啥 咋 哪 哪些 哪里 哪儿 多少 几 谁 为什么 请问 一下 一些 很多 很 多 太 非常
    吗 呢 哪个 如果 因为 所以 但是 但 可是 还是 或者 以及 关于 对于 按照 根据 通过 已经 正在 没有 不 没
    俺 俺们 咱 咱家 啥样 咋整 咋办 怎么办 咋弄 管不管 给不给 行不行 算不算 有啥 能给 帮忙 帮着 帮点 点儿 不管
    """
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Words that say little about which document is meant. In a query with other words they add to the score
# but do not count as something a result must hold:
# - words nearly every union document holds ("单位组织相亲" is about 相亲, not about 单位 and 组织);
# - how much, how long and when ("一年能歇几天年假" is about 年假);
# - the aspect of a programme asked about, which every policy covers ("住院互助金申领材料" is about 住院互助金:
#   any of its documents beats another programme's 申领材料);
# - the words a spoken question is padded with (听说, 有点, 实在, 回去, 东西).
_COMMON_WORD_TEXT = """
    工会 职工 员工 单位 组织 公司 工作 会员 同志 人员 开展 活动 相关 有关 情况 问题 办法 规定 通知 事情 事儿
    一年 每年 几天 几年 几次 几个 多少钱 多久 多长时间 多大 啥时候 什么时候 时候 现在 以后 一般 还能
    标准 条件 材料 流程 程序 手续 申请 申领 办理 领取 对象 范围 金额 政策 要求 方式 步骤 细则 实施 管理
    听说 有点 有点儿 实在 就要 快要 马上 好像 其实 真的 到底 老是 总是 一直 重新 还有 一点 一点儿 不少
    有人 那个 这个 这种 那种 这事 那事 这边 那边 东西 地方 回来 回去 过来 过去 出去 不会 不能 不行 得到 一分钱
    有时候 有时 平时 平常 最近 近来 段时间 阵子 这阵子 那阵子 这些天 那些天
    """
COMMON_WORDS = frozenset(_COMMON_WORD_TEXT.split())
# Times counted from now, vague amounts and bare counts ("前两天", "下个月", "十几年", "三万多", "几千块", "三个"):
# how a worker tells the story, not what it is about. A duration ("三天", "半年") may be what a rule grants,
# an exact amount ("30块") what a programme costs, and numerals alone ("三八", "五一") are names.
_NUMERALS = "一二两三四五六七八九十百千万半好"
COUNT = re.compile(
    rf"^(?:[上下前后这那头][{_NUMERALS}几]*个?[天日周月年]"
    rf"|[{_NUMERALS}]*[几多][{_NUMERALS}几多块元钱个天周月年次回趟]*"
    rf"|[{_NUMERALS}]+个)$"
)


def normalise(text: str) -> str:
    """Full-width to half-width, lower case: both engines see the same characters."""
    return unicodedata.normalize("NFKC", text or "").lower()


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows (``ü`` written ``v``, as people type it)."""
    syllables = set()
    for readings in pinyin_dict.pinyin_dict.values():
        for reading in readings.split(","):
            syllables.add(to_normal(reading).replace("ü", "v"))
    return frozenset(s for s in syllables if s.isascii() and s.isalpha())


def split_syllables(text: str) -> list[str] | None:
    """Split typed pinyin ("jinqiuzhuxue") into syllables, preferring fewer, longer ones; None if it is not pinyin."""
    syllables = pinyin_syllables()
    longest = 6
    best: list[list[str] | None] = [None] * (len(text) + 1)
    best[0] = []
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - longest), end):
            head = best[start]
            if head is not None and text[start:end] in syllables:
                candidate = [*head, text[start:end]]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[len(text)]


def fuzzy_sound(syllables: Iterable[str]) -> str:
    """The sound near-homophones share, as input methods' fuzzy pinyin has it: zh/z, ch/c, sh/s, n/l, and
    -ng/-n (探清假 for 探亲假, "zidaihui" for 职代会); a typo of this kind still finds the word."""
    return "".join(_fuzzy_syllable(s) for s in syllables)


@cache
def _fuzzy_syllable(syllable: str) -> str:
    if syllable[:2] in ("zh", "ch", "sh"):
        syllable = syllable[0] + syllable[2:]
    elif syllable.startswith("n") and len(syllable) > 1:
        syllable = "l" + syllable[1:]
    if syllable.endswith("ng") and len(syllable) > 2:
        syllable = syllable[:-1]
    return syllable


def han_pinyin(run: str) -> list[str]:
    """One toneless syllable per Han character; words in pypinyin's phrase list are read as phrases (重庆 chongqing)."""
    return list(_han_pinyin(run))


@cache
def char_reading(char: str) -> str:
    readings = pinyin_dict.pinyin_dict.get(ord(char))
    return _toneless(readings.split(",")[0]) if readings else char


@cache
def _toneless(reading: str) -> str:
    return to_normal(reading).replace("ü", "v")


@lru_cache(maxsize=100_000)
def _han_pinyin(run: str) -> tuple[str, ...]:
    """Longest phrases first (forward maximum matching over pypinyin's phrases), single readings otherwise."""
    phrases = phrases_dict.phrases_dict
    syllables: list[str] = []
    position = 0
    while position < len(run):
        for size in range(min(PHRASE_LONGEST, len(run) - position), 1, -1):
            phrase = phrases.get(run[position : position + size])
            if phrase and len(phrase) == size:
                syllables.extend(_toneless(reading[0]) for reading in phrase)
                position += size
                break
        else:
            syllables.append(char_reading(run[position]))
            position += 1
    return tuple(syllables)


def han_bigrams(text: str) -> list[str]:
    grams = []
    for run in HAN.findall(normalise(text)):
        grams.extend(GRAM + run[i : i + 2] for i in range(len(run) - 1))
    return grams


def _clip(token: str) -> str:
    return token[:MAX_TOKEN_LENGTH]


@dataclass(frozen=True)
class Alternative:
    """One way to satisfy a concept: every term must match; ``weight`` scales its score."""

    terms: tuple[str, ...]
    weight: float
    kind: str

    @property
    def term_weight(self) -> float:
        return self.weight / len(self.terms)


@dataclass
class Concept:
    text: str
    alternatives: list[Alternative] = field(default_factory=list)

    def add(self, terms: Iterable[str], weight: float, kind: str) -> None:
        terms = tuple(dict.fromkeys(t for t in terms if t))
        if not terms:
            return
        for i, existing in enumerate(self.alternatives):
            if existing.terms == terms:
                if weight > existing.weight:
                    self.alternatives[i] = Alternative(terms, weight, kind)
                return
        self.alternatives.append(Alternative(terms, weight, kind))


@dataclass
class QueryPlan:
    """What a query asks for, in tokens both engines understand."""

    text: str
    concepts: list[Concept]
    optional: list[Alternative]
    required: int
    highlight_terms: list[str]
    pinyin_words: list[list[str]]
    question: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.concepts

    def terms(self) -> set[str]:
        found = {t for c in self.concepts for a in c.alternatives for t in a.terms}
        found.update(t for a in self.optional for t in a.terms)
        return found


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    han: bool
    unknown: bool = False


class Analyzer:
    """Segmentation, synonyms and pinyin for one vocabulary; :func:`search.dictionary.analyzer` keeps it current."""

    def __init__(self) -> None:
        self._tokenizer: jieba.Tokenizer | None = None
        self._lock = threading.RLock()
        self._added: dict[str, int | None] = {}
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}
        self.vocabulary: frozenset[str] = frozenset()
        # Each dictionary word → what a query with it also looks for, with weights (the word itself at 1.0).
        self._expansions: dict[str, tuple[tuple[str, float], ...]] = {}
        self._sounds: dict[str, set[str]] = {}
        self._fuzzy_sounds: dict[str, set[str]] = {}
        self._initials: dict[str, set[str]] = {}
        self._sorted_words: tuple[str, ...] = ()
        self.version: object = None

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    tokenizer = jieba.Tokenizer()
                    tokenizer.initialize()
                    self._tokenizer = tokenizer
        return self._tokenizer

    def configure(
        self,
        *,
        words: Iterable[str],
        synonyms: Iterable[Iterable[str]],
        version: object,
        broader: Iterable[tuple[Iterable[str], Iterable[str]]] = (),
    ) -> None:
        """Apply a vocabulary, synonym groups and broader words ((闺女, 女儿) → 子女: one way only); words dropped
        since the last call get their jieba frequency back."""
        words = {normalise(w).strip() for w in words}
        words = frozenset(w for w in words if w)
        expansions: dict[str, dict[str, float]] = {}
        for group in synonyms:
            members = _clean_terms(group)
            if len(members) > 1:
                for member in members:
                    # A word in two groups (an editor's overlap) looks for the members of both.
                    mine = expansions.setdefault(member, {member: 1.0})
                    for other in members:
                        mine.setdefault(other, SYNONYM_WEIGHT)
        for narrower, wider in broader:
            narrower, wider = _clean_terms(narrower), _clean_terms(wider)
            for member in narrower:
                mine = expansions.setdefault(member, {member: 1.0})
                for word in wider:
                    mine.setdefault(word, BROADER_WEIGHT)
        # Synonyms and broader words are words too, so that they segment the same way in documents and queries.
        related = {m for expansion in expansions.values() for m in expansion}
        words = words | {m for m in related if HAN.fullmatch(m) and len(m) > 1}
        with self._lock:
            tokenizer = self.tokenizer
            for word in set(self._added) - words:
                original = self._added.pop(word)
                if original:
                    tokenizer.add_word(word, original)
                else:
                    tokenizer.del_word(word)
            for word in words - set(self._added):
                self._added[word] = tokenizer.FREQ.get(word) or None
                tokenizer.add_word(word, max(tokenizer.suggest_freq(word), tokenizer.FREQ.get(word) or 0, 5000))
            self.vocabulary = words
            self._expansions = {member: tuple(expansion.items()) for member, expansion in expansions.items()}
            self._sounds: dict[str, set[str]] = {}
            self._fuzzy_sounds: dict[str, set[str]] = {}
            self._initials: dict[str, set[str]] = {}
            for word in words | set(self._expansions):
                if HAN.fullmatch(word) and len(word) > 1:
                    syllables = han_pinyin(word)
                    self._sounds.setdefault("".join(syllables), set()).add(word)
                    self._fuzzy_sounds.setdefault(fuzzy_sound(syllables), set()).add(word)
                    self._initials.setdefault("".join(s[0] for s in syllables), set()).add(word)
            self._sorted_words = tuple(sorted(w for w in words | set(self._expansions) if HAN.fullmatch(w)))
            self.version = version
            self._cache = {}

    def _cut(self, run: str, mode: str) -> tuple[str, ...]:
        """jieba on one run of Han characters, remembered: documents repeat the same phrases a lot."""
        key = (run, mode)
        words = self._cache.get(key)
        if words is None:
            cut = self.tokenizer.cut_for_search if mode == "search" else self.tokenizer.cut
            words = tuple(cut(run, HMM=False))
            if len(self._cache) >= CUT_CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = words
        return words

    # Documents

    def tokens(self, text: str) -> Iterator[Token]:
        """Precise segmentation with offsets into the normalised text."""
        text = normalise(text)
        for match in RUNS.finditer(text):
            han, latin = match.groups()
            if latin:
                yield Token(latin, match.start(), match.end(), False)
                continue
            for word, start, end in self.tokenizer.tokenize(han, HMM=False):
                yield Token(word, match.start() + start, match.start() + end, True)

    def index_words(self, text: str) -> list[str]:
        """Words for indexing: search-mode segmentation (a long word also yields the words inside it), no stop words."""
        words = []
        for match in RUNS.finditer(normalise(text)):
            han, latin = match.groups()
            pieces = self._cut(han, "search") if han else [latin]
            words.extend(_clip(w) for w in pieces if w not in STOPWORDS)
        return words

    def query_words(self, text: str) -> list[str]:
        """Precise segmentation without stop words: what a phrase means as terms."""
        return [_clip(t.text) for t in self.tokens(text) if t.text not in STOPWORDS]

    def title_pinyin(self, title: str) -> list[str]:
        """Pinyin tokens for a title: neighbouring syllable pairs, initials of words and of every four characters."""
        tokens = []
        for run in HAN.findall(normalise(title)):
            syllables = han_pinyin(run)
            tokens.extend(SYLLABLES + a + b for a, b in zip(syllables, syllables[1:], strict=False))
            initials = "".join(s[0] for s in syllables)
            tokens.extend(INITIALS + initials[i : i + INITIALS_GRAM] for i in range(len(initials) - INITIALS_GRAM + 1))
            position = 0
            for word in self._cut(run, "precise"):
                if len(word) > 1:
                    tokens.append(INITIALS + initials[position : position + len(word)])
                position += len(word)
        return tokens

    def analyse_document(self, *, title: str, summary: str, body: str, tags: Iterable[str]) -> dict[str, list[str]]:
        """The token lists both engines index, by field."""
        tag_words = []
        for tag in tags:
            tag_words.extend(self.index_words(tag))
        return {
            "title": self.index_words(title),
            "title_grams": han_bigrams(title),
            "title_pinyin": self.title_pinyin(title),
            "tags": tag_words,
            "summary": self.index_words(summary),
            "summary_grams": han_bigrams(summary),
            "body": self.index_words(body),
        }

    # Queries

    def _word_alternatives(self, concept: Concept, token: Token, scale: float, *, prefix: bool) -> None:
        word = token.text
        if prefix:
            concept.add([word + PREFIX_MARK], 0.9 * scale, "prefix")
            if token.han:
                concept.add(
                    [GRAM + word[:2] + PREFIX_MARK] if len(word) == 1 else han_bigrams(word), 0.8 * scale, "grams"
                )
            else:
                concept.add([SYLLABLES + word + PREFIX_MARK], 0.7 * scale, "pinyin")
                concept.add([INITIALS + word + PREFIX_MARK], 0.7 * scale, "initials")
        concept.add([word], scale, "word")
        if token.han:
            if token.unknown:
                concept.add(list(word), 0.3 * scale, "chars")
            known = bool(self.tokenizer.FREQ.get(word)) and not token.unknown
            if len(word) > 1:
                if len(word) > 2 or not known:
                    # Search-mode segmentation indexes every two-character dictionary word inside longer
                    # words, so bigrams only add recall for longer or unknown words.
                    concept.add(han_bigrams(word), 0.8 * scale, "grams")
                parts = [p for p in self._cut(word, "search") if p != word and len(p) > 1]
                if parts and _covers(word, parts):
                    concept.add(parts, 0.7 * scale, "subwords")
                if not known:
                    # A word jieba does not know may be a typo: titles that sound the same match too.
                    syllables = han_pinyin(word)
                    pairs = [SYLLABLES + a + b for a, b in zip(syllables, syllables[1:], strict=False)]
                    concept.add(pairs, 0.6 * scale, "pinyin")
            return
        if LATIN_WORD.match(word):
            syllables = split_syllables(word)
            if syllables and len(syllables) > 1:
                concept.add(
                    [SYLLABLES + a + b for a, b in zip(syllables, syllables[1:], strict=False)], 0.9 * scale, "pinyin"
                )
            if syllables and len(syllables) > 3:
                # Two-syllable words side by side ("zhuyuan" "huzhu" for 住院医疗互助): every other pair.
                starts = [*range(0, len(syllables) - 1, 2)]
                if len(syllables) % 2:
                    starts.append(len(syllables) - 2)
                concept.add([SYLLABLES + syllables[i] + syllables[i + 1] for i in starts], 0.8 * scale, "pinyin")
            if 2 <= len(word) <= 12 and (syllables is None or len(word) <= INITIALS_GRAM):
                if len(word) > INITIALS_GRAM:
                    grams = [word[i : i + INITIALS_GRAM] for i in range(len(word) - INITIALS_GRAM + 1)]
                    concept.add([INITIALS + g for g in grams], 0.85 * scale, "initials")
                concept.add([INITIALS + word], 0.9 * scale, "initials")

    def _common(self, word: str) -> bool:
        """A common word, a count or a time counted from now, or one made of common words only (申请材料 =
        申请 + 材料)."""
        if word in COMMON_WORDS or (COUNT.match(word) and word not in self.vocabulary):
            return True
        parts = [p for p in self._cut(word, "search") if p != word and len(p) > 1] if len(word) > 2 else []
        return bool(parts) and all(p in COMMON_WORDS for p in parts) and _covers(word, parts)

    def _meant(self, word: str, weight: float) -> list[tuple[str, float]]:
        """A dictionary word the query meant, with its synonyms and broader words (weighted lower)."""
        return [(member, weight * share) for member, share in self._expansions.get(word, ((word, 1.0),))]

    def _dictionary_spans(self, text: str, tokens: list[Token]) -> list[tuple[int, int, list[tuple[str, float]]]]:
        """Parts of the query the editors' dictionary knows: synonym members as typed, words that sound like
        a dictionary word (typos, "送文暖"), and pinyin or initials of one ("songwennuan", "swn")."""
        found: list[tuple[int, int, int, list[tuple[str, float]]]] = []
        # Spoken Chinese puts particles inside a phrase ("考上了个本科", "生了个孩子") and some type spaces
        # between its words ("金秋 助学"): the phrase is still the dictionary's, a little less surely.
        kept = [i for i, char in enumerate(text) if char not in INNER_PARTICLES and not char.isspace()]
        compact = "".join(text[i] for i in kept) if len(kept) < len(text) else ""
        for member, members in self._expansions.items():
            start = text.find(member)
            while start != -1:
                found.append((start, start + len(member), 0, list(members)))
                start = text.find(member, start + 1)
            start = compact.find(member) if compact else -1
            while start != -1:
                first, last = kept[start], kept[start + len(member) - 1] + 1
                if last - first > len(member):
                    found.append((first, last, 1, list(members)))
                start = compact.find(member, start + 1)
        # A slip of the keyboard is a word or a run of stray characters: a sound that starts or ends inside a
        # word the query spelt right ("报学费" is 报 + 学费, not a slip for 暴雪) is not one.
        starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
        for match in HAN.finditer(text):
            run = match.group()
            syllables = han_pinyin(run)
            for i in range(len(run)):
                if match.start() + i not in starts:
                    continue
                for size in range(2, min(8, len(run) - i) + 1):
                    if match.start() + i + size not in ends:
                        continue
                    piece = run[i : i + size]
                    if piece in self._expansions or piece in self.vocabulary:
                        continue  # the union's own word, spelt as the worker meant it (白事 is not 拜师)
                    sound = syllables[i : i + size]
                    same = self._sounds.get("".join(sound), set())
                    for word in same:
                        if word != piece:
                            found.append((match.start() + i, match.start() + i + size, 1, self._meant(word, 0.9)))
                    if self.tokenizer.FREQ.get(piece):
                        continue  # a real word that happens to sound like another is not a typo
                    for word in self._fuzzy_sounds.get(fuzzy_sound(sound), set()) - same:
                        found.append((match.start() + i, match.start() + i + size, 2, self._meant(word, 0.8)))
        found.extend(self._unfinished(text, starts))
        for token in tokens:
            if not token.han and LATIN_WORD.match(token.text):
                words = self._sounds.get(token.text, set()) | self._initials.get(token.text, set())
                members = [member for word in sorted(words) for member in self._meant(word, 0.9)]
                syllables = split_syllables(token.text)
                if not members and syllables:
                    near = self._fuzzy_sounds.get(fuzzy_sound(syllables), set())
                    members = [member for word in sorted(near) for member in self._meant(word, 0.8)]
                if members:
                    found.append((token.start, token.end, 1, members))
        found.sort(key=lambda span: (-(span[1] - span[0]), span[2], span[0]))
        chosen: list[tuple[int, int, list[tuple[str, float]]]] = []
        for start, end, _, members in found:
            if all(end <= other[0] or start >= other[1] for other in chosen):
                chosen.append((start, end, members))
        return sorted(chosen, key=lambda span: span[0])

    def _unfinished(self, text: str, starts: set[int]) -> list[tuple[int, int, int, list[tuple[str, float]]]]:
        """The query's last characters may be a union word cut short ("大病救", "职代"): the words it begins."""
        tail = HAN_TAIL.search(text)
        if not tail:
            return []
        run = tail.group()
        for size in range(min(len(run), MAX_TOKEN_LENGTH), 1, -1):
            piece, start = run[-size:], tail.end() - size
            if start not in starts or self.tokenizer.FREQ.get(piece) or piece in self._expansions:
                continue
            first = bisect.bisect_left(self._sorted_words, piece)
            words = []
            for word in self._sorted_words[first:]:
                if not word.startswith(piece):
                    break
                words.append(word)
            if words:
                words = sorted(words, key=len)[:UNFINISHED_WORDS]
                return [(start, tail.end(), 1, [m for word in words for m in self._meant(word, 0.85)])]
        return []

    def analyse_query(self, query: str, *, prefix: bool = False) -> QueryPlan:
        """Turn what a worker typed into a plan; with ``prefix`` the last word may be unfinished (suggestions)."""
        text = normalise(query)[:MAX_QUERY_LENGTH]
        tokens = _join_unknown(list(self.tokens(text)))
        spans = self._dictionary_spans(text, tokens)
        last = tokens[-1] if tokens else None
        content = [t for t in tokens if t.text not in STOPWORDS]
        strong = [t for t in content if not t.han or len(t.text) > 1]
        concepts: list[Concept] = []
        optional: list[Alternative] = []
        highlight: list[str] = []
        pinyin_words: list[list[str]] = []
        used: set[Token] = set()
        guesses: list[Concept] = []

        for start, end, members in spans:
            inside = [t for t in tokens if t.start < end and t.end > start]
            used.update(inside)
            words = [t for t in inside if t.text not in STOPWORDS]
            concept = Concept(text[min(t.start for t in inside) : max(t.end for t in inside)])
            concept.add([t.text for t in words], 1.0, "words")
            for member, weight in members:
                concept.add(self.query_words(member), weight, "synonym")
                highlight.append(member)
            for token in words:
                highlight.append(token.text)
                if len(words) == 1 and (len(token.text) > 1 or not token.han):
                    self._word_alternatives(concept, token, 1.0, prefix=prefix and token is last)
            concepts.append(concept)

        distinctive = any(t not in used and not self._common(t.text) for t in strong) or bool(spans)
        for token in content:
            if token in used:
                continue
            is_last = prefix and token is last
            if token.han and len(token.text) == 1 and strong and not is_last:
                optional.append(Alternative((token.text,), 0.3, "char"))
                highlight.append(token.text)
                continue
            if self._common(token.text) and distinctive and not is_last:
                optional.append(Alternative((token.text,), 0.5, "common"))
                highlight.append(token.text)
                continue
            concept = Concept(token.text)
            self._word_alternatives(concept, token, 1.0, prefix=is_last)
            concepts.append(concept)
            if token.unknown and not is_last:
                guesses.append(concept)
            highlight.append(token.text)
            if token.han and len(token.text) > 1:
                pinyin_words.append(han_pinyin(token.text))
            for alternative in concept.alternatives:
                if alternative.kind == "subwords":
                    highlight.extend(alternative.terms)

        # Characters jieba could not place, joined, are a slip of the keyboard in a short query ("帮服") but
        # usually a seam between spoken words in a long question ("报完", "这事找谁" → "事找"): beside two or
        # more other concepts such a guess adds to the score without being something a result must hold.
        if len(concepts) - len(guesses) >= 2:
            for concept in guesses:
                concepts.remove(concept)
                optional.append(Alternative((concept.text,), 0.3, "char"))
        count = len(concepts)
        required = count if count <= 2 else math.ceil(count / 2)
        highlight = sorted(dict.fromkeys(h for h in highlight if h), key=len, reverse=True)
        question = any(marker in text for marker in QUESTION_MARKERS)
        return QueryPlan(text, concepts, optional, required, highlight, pinyin_words, question)


def _clean_terms(terms: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in (normalise(t).strip() for t in terms) if t))


def _join_unknown(tokens: list[Token]) -> list[Token]:
    """Neighbouring single characters jieba could not place ("主", "学") become one unknown word ("主学")."""
    joined: list[Token] = []
    pending: list[Token] = []

    def flush() -> None:
        if len(pending) > 1:
            text = "".join(t.text for t in pending)
            joined.append(Token(text, pending[0].start, pending[-1].end, True, unknown=True))
        else:
            joined.extend(pending)
        pending.clear()

    for token in tokens:
        single = token.han and len(token.text) == 1 and token.text not in STOPWORDS
        if single and (not pending or pending[-1].end == token.start):
            pending.append(token)
            continue
        flush()
        if single:
            pending.append(token)
        else:
            joined.append(token)
    flush()
    return joined


def _covers(word: str, parts: list[str]) -> bool:
    """True when the sub-words together cover every character of ``word``."""
    covered = [False] * len(word)
    for part in parts:
        start = word.find(part)
        while start != -1:
            for i in range(start, start + len(part)):
                covered[i] = True
            start = word.find(part, start + 1)
    return all(covered)


def namespace(term: str) -> str:
    """Which family of fields a term lives in: ``word``, ``gram`` or ``pinyin``."""
    if term.startswith(GRAM):
        return "gram"
    if term.startswith((SYLLABLES, INITIALS)):
        return "pinyin"
    return "word"
