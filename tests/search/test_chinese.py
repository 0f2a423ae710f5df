"""Chinese analysis: what a worker types becomes tokens that both engines match the same way."""

import pytest

from search.chinese import Analyzer, han_pinyin, split_syllables


@pytest.fixture(scope="module")
def analyzer():
    current = Analyzer()
    current.configure(
        words=["金秋助学", "困难职工", "职代会"],
        synonyms=[["大病救助", "医疗救助", "住院补助", "住院"], ["上大学", "考上大学", "助学"]],
        version=1,
    )
    return current


def test_union_words_stay_whole_and_their_parts_are_indexed_too(analyzer):
    words = analyzer.index_words("困难职工帮扶申请办法")
    assert {"困难职工", "困难", "职工", "帮扶"} <= set(words)
    assert "职代会" in analyzer.query_words("召开职代会")


def test_question_words_are_dropped(analyzer):
    assert analyzer.query_words("孩子考上大学工会有补助吗") == ["孩子", "考上大学", "工会", "补助"]


def test_synonyms_become_alternatives_of_the_same_concept(analyzer):
    plan = analyzer.analyse_query("住院花了很多钱能报吗")
    assert [c.text for c in plan.concepts] == ["住院"]
    terms = {alt.terms for alt in plan.concepts[0].alternatives}
    assert ("医疗救助",) in terms and ("大病救助",) in terms


def test_a_typo_that_sounds_like_a_union_word_means_that_word(analyzer):
    plan = analyzer.analyse_query("金秋主学")
    assert [c.text for c in plan.concepts] == ["金秋主学"]
    assert ("金秋助学",) in {alt.terms for alt in plan.concepts[0].alternatives}
    assert "金秋助学" in plan.highlight_terms


def test_a_typo_that_nearly_sounds_like_a_union_word_means_that_word(analyzer):
    # qing for qin, zi for zhi: the slips of fuzzy-pinyin input and of accents.
    assert ("困难职工",) in {alt.terms for alt in analyzer.analyse_query("困难资工").concepts[0].alternatives}
    assert ("职代会",) in {alt.terms for alt in analyzer.analyse_query("zidaihui").concepts[0].alternatives}
    # A real word that merely sounds close to a union word keeps its meaning.
    assert ("住院",) not in {alt.terms for alt in analyzer.analyse_query("组员").concepts[0].alternatives}


def test_long_pinyin_also_matches_as_two_syllable_words_side_by_side(analyzer):
    alternatives = {alt.terms for alt in analyzer.analyse_query("zhuyuanhuzhu").concepts[0].alternatives}
    assert ("s:zhuyuan", "s:huzhu") in alternatives  # a title saying 住院医疗互助 has these, not "s:yuanhu"


def test_an_unknown_typo_keeps_its_pinyin_for_titles(analyzer):
    plan = analyzer.analyse_query("困难职工帮服")
    typo = next(c for c in plan.concepts if c.text == "帮服")
    assert ("s:bangfu",) in {alt.terms for alt in typo.alternatives}
    assert "s:bangfu" in analyzer.title_pinyin("困难职工帮扶申请办法")


def test_pinyin_of_a_union_word_means_that_word_and_its_synonyms(analyzer):
    for typed in ("dabingjiuzhu", "dbjz"):
        terms = {alt.terms for alt in analyzer.analyse_query(typed).concepts[0].alternatives}
        assert ("大病救助",) in terms and ("医疗救助",) in terms


def test_initials_and_full_pinyin_are_understood(analyzer):
    assert split_syllables("jinqiuzhuxue") == ["jin", "qiu", "zhu", "xue"]
    assert split_syllables("jqzx") is None
    initials = analyzer.analyse_query("jqzx").concepts[0]
    assert ("i:jqzx",) in {alt.terms for alt in initials.alternatives}
    assert "i:jqzx" in analyzer.title_pinyin("金秋助学实施办法")


def test_heteronyms_are_read_as_phrases():
    assert han_pinyin("重庆银行") == ["chong", "qing", "yin", "hang"]


def test_full_width_and_upper_case_are_normalised(analyzer):
    assert analyzer.query_words("ＡＢＣ职代会") == ["abc", "职代会"]


def test_longer_questions_need_only_some_of_their_concepts(analyzer):
    assert analyzer.analyse_query("帮扶").required == 1
    assert analyzer.analyse_query("困难职工 帮扶").required == 2
    plan = analyzer.analyse_query("孩子考上大学工会有补助吗")
    assert len(plan.concepts) == 3 and plan.required == 2


def test_words_nearly_every_union_document_holds_are_not_required_when_others_are_there(analyzer):
    plan = analyzer.analyse_query("单位组织相亲")
    assert [c.text for c in plan.concepts] == ["相亲"]
    assert {a.terms[0] for a in plan.optional} == {"单位", "组织"}  # they still add to the score
    assert [c.text for c in analyzer.analyse_query("工会 职工").concepts] == ["工会", "职工"]


def test_how_much_when_and_which_aspect_do_not_decide_the_subject(analyzer):
    plan = analyzer.analyse_query("金秋助学申请材料")
    assert [c.text for c in plan.concepts] == ["金秋助学"]
    assert {a.terms[0] for a in plan.optional} == {"申请材料"}  # 申请 + 材料, both aspects
    assert [c.text for c in analyzer.analyse_query("一年能歇几天年假").concepts] == ["年假"]
    assert [c.text for c in analyzer.analyse_query("申请材料").concepts] == ["申请材料"]  # nothing else to go on


def test_changing_the_vocabulary_applies_at_once_and_can_be_undone(analyzer):
    other = Analyzer()
    other.configure(words=["师带徒"], synonyms=[], version=1)
    assert "师带徒" in other.index_words("开展师带徒活动")
    other.configure(words=[], synonyms=[], version=2)
    assert "师带徒" not in other.index_words("开展师带徒活动")


def test_a_broader_word_is_found_from_the_narrow_one_only_and_counts_for_less():
    current = Analyzer()
    current.configure(words=[], synonyms=[["闺女", "女儿"]], broader=[(["闺女", "女儿"], ["子女"])], version=1)
    weights = {a.terms: a.weight for a in current.analyse_query("闺女").concepts[0].alternatives}
    assert weights[("闺女",)] > weights[("女儿",)] > weights[("子女",)]
    wide = current.analyse_query("子女")
    assert {a.terms for c in wide.concepts for a in c.alternatives} >= {("子女",)}
    assert ("闺女",) not in {a.terms for c in wide.concepts for a in c.alternatives}


def test_a_word_in_two_synonym_groups_looks_for_the_members_of_both():
    current = Analyzer()
    current.configure(words=[], synonyms=[["生育", "生孩子"], ["生育", "分娩"]], version=1)
    found = {a.terms for a in current.analyse_query("生育").concepts[0].alternatives}
    assert {("生孩子",), ("分娩",)} <= found


def test_a_sound_across_a_correctly_spelt_word_is_not_a_slip():
    current = Analyzer()
    current.configure(words=["暴雪"], synonyms=[], version=1)
    meant = {a.terms for c in current.analyse_query("单位给报学费不").concepts for a in c.alternatives}
    assert ("暴雪",) not in meant  # 报 + 学费, not 报学
    slip = {a.terms for c in current.analyse_query("报雪停工").concepts for a in c.alternatives}
    assert ("暴雪",) in slip


def test_a_union_word_cut_short_at_the_end_of_the_query_means_that_word(analyzer):
    meant = {a.terms: a.weight for c in analyzer.analyse_query("困难职工帮扶 金秋助").concepts for a in c.alternatives}
    assert ("金秋助学",) in meant
    plan = analyzer.analyse_query("职代")
    assert ("职代会",) in {a.terms for a in plan.concepts[0].alternatives}
    plan = analyzer.analyse_query("金秋 职工")  # complete words are left alone
    assert ("金秋助学",) not in {a.terms for c in plan.concepts for a in c.alternatives}


def test_how_a_worker_tells_the_story_is_not_what_a_result_must_hold(analyzer):
    # Times counted from now, vague amounts, bare counts and spoken padding add to the score only.
    plan = analyzer.analyse_query("前两天听说困难职工住院花了三万多，实在拿不出钱")
    assert "前两天" not in {c.text for c in plan.concepts}
    assert {"困难职工", "住院"} <= {c.text for c in plan.concepts}
    optional = {alt.terms[0] for alt in plan.optional}
    assert {"前两天", "听说", "三万多", "实在"} <= optional
    # A duration a rule may grant, an exact amount and numerals that name a day stay something to find.
    for query, word in (("婚假三天", "三天"), ("每年交30块", "30"), ("五一慰问", "五一")):
        assert word in {c.text for c in analyzer.analyse_query(query).concepts}, query
    # These days and sometimes tell when, not what ("这段时间" segments as 这 + 段时间).
    plan = analyzer.analyse_query("困难职工住院这段时间有时候")
    assert {c.text for c in plan.concepts} == {"困难职工", "住院"}
    assert {"段时间", "有时候"} <= {alt.terms[0] for alt in plan.optional}


def test_a_dictionary_phrase_is_found_with_particles_or_spaces_inside_it(analyzer):
    for query in ("孩子考上了个大学", "孩子考上了大学", "考上 大学"):
        concepts = analyzer.analyse_query(query).concepts
        meant = {alt.terms for c in concepts for alt in c.alternatives}
        assert {("上大学",), ("助学",)} <= meant, query
        assert "考上大学" in {c.text.replace("了", "").replace("个", "").replace(" ", "") for c in concepts}, query
    # Particles join a phrase only when the phrase is the dictionary's: 考上了 + 研究生 stays two words.
    assert ("助学",) not in {
        alt.terms for c in analyzer.analyse_query("考上了研究生").concepts for alt in c.alternatives
    }


def test_characters_no_word_holds_are_a_typo_in_a_short_query_and_a_seam_in_a_long_question(analyzer):
    assert "帮服" in {c.text for c in analyzer.analyse_query("困难职工帮服").concepts}
    # "这事找谁" falls apart into 事 + 找: no document holds "事找", and the question is about the rest.
    plan = analyzer.analyse_query("困难职工住院金秋助学这事找谁")
    assert "事找" not in {c.text for c in plan.concepts}
    assert ("事找",) in {alt.terms for alt in plan.optional}
    assert {"困难职工", "住院", "金秋助学"} <= {c.text for c in plan.concepts}


def test_a_union_word_spelt_right_is_not_read_as_a_slip_for_another(analyzer):
    homophones = Analyzer()
    homophones.configure(words=["解暑", "借书"], synonyms=[], version=1)
    assert ("借书",) not in {alt.terms for alt in homophones.analyse_query("解暑用品").concepts[0].alternatives}
    # The same sound typed as characters the union does not use still reads as a union word.
    assert {("解暑",), ("借书",)} & {alt.terms for alt in homophones.analyse_query("借抒").concepts[0].alternatives}
