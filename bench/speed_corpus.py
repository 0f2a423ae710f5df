"""A deterministic generator of plausible union documents and queries, for bench/search_speed.py.

Documents follow the ``import_knowledge`` JSONL contract (DESIGN.md). Text is assembled from a
hand-written union vocabulary and sentence patterns, so words repeat with realistic frequencies
(common words everywhere, programme names in a few percent of documents). Same seed, same corpus.
"""

from __future__ import annotations

import datetime
import random
import string
from collections.abc import Iterator

ORGANISATIONS = [
    "公司工会",
    "一号煤矿分工会",
    "二号煤矿分工会",
    "三号煤矿分工会",
    "洗选厂分工会",
    "机电修配厂分工会",
    "运输公司分工会",
    "铁路装车站分工会",
    "职工医院分工会",
    "物业公司分工会",
    "后勤服务中心分工会",
    "销售公司分工会",
]
PLACES = [
    "综采一队",
    "综采二队",
    "综掘一队",
    "综掘三队",
    "机电队",
    "运输队",
    "通风队",
    "准备队",
    "调度室",
    "浮选车间",
    "重介车间",
    "装车站",
    "机修车间",
    "铆焊车间",
    "化验室",
    "职工食堂",
    "职工公寓",
    "井口候车室",
    "职工活动中心",
    "职工书屋",
    "矿史馆",
    "实训基地",
    "会议中心",
    "职工体育馆",
]
PROGRAMMES = [
    "金秋助学",
    "送温暖",
    "夏送清凉",
    "困难职工帮扶",
    "大病医疗救助",
    "住院医疗互助保障",
    "职工疗休养",
    "会员慰问",
    "劳模评选",
    "职工技能大赛",
    "合理化建议",
    "职代会",
    "厂务公开",
    "集体合同",
    "工资集体协商",
    "女职工权益保护",
    "两癌筛查",
    "爱心妈咪小屋",
    "职工书屋",
    "全民阅读",
    "职工心理关爱",
    "单身青年联谊",
    "暑期托管班",
    "法律援助",
    "劳动争议调解",
    "群众安全监督",
    "安全生产月",
    "安康杯竞赛",
    "师带徒",
    "劳模创新工作室",
    "班组建设",
    "职工之家建设",
    "户外劳动者驿站",
    "职工体检",
    "无偿献血",
    "志愿服务",
    "普法宣传",
    "入会服务",
    "会费收缴",
    "经费审查",
    "职工文体活动",
    "篮球赛",
    "拔河比赛",
    "健步走",
    "书画摄影展",
    "文艺汇演",
    "节日慰问品",
    "班中餐",
    "通勤班车",
    "单身公寓改造",
    "消费帮扶",
    "乡村振兴",
    "就业帮扶",
    "慈善一日捐",
    "劳务派遣工权益",
    "工伤认定",
    "职业健康",
    "应急救援演练",
    "智能化建设",
]
SUBJECTS = [
    "职工",
    "会员",
    "困难职工",
    "一线职工",
    "井下职工",
    "女职工",
    "青年职工",
    "劳动模范",
    "退休职工",
    "职工代表",
    "工会干部",
    "班组长",
    "群监员",
    "新入职职工",
    "劳务派遣工",
    "职工家属",
    "职工子女",
    "技术骨干",
    "心理关爱联络员",
    "志愿者",
]
ACTIONS = [
    "开展",
    "组织",
    "举办",
    "推进",
    "落实",
    "部署",
    "启动",
    "完成",
    "召开",
    "表彰",
    "走访",
    "慰问",
    "审核",
    "发放",
    "征集",
    "宣讲",
    "培训",
    "检查",
    "公示",
    "推荐",
    "评选",
    "签订",
    "受理",
    "办理",
]
OBJECTS = [
    "申请材料",
    "补助标准",
    "办理流程",
    "慰问金",
    "助学金",
    "救助金",
    "互助金",
    "慰问品",
    "报名表",
    "推荐名单",
    "公示名单",
    "工作方案",
    "实施细则",
    "考核办法",
    "活动安排",
    "安全隐患",
    "意见建议",
    "提案",
    "协议",
    "档案",
    "证明材料",
    "银行卡复印件",
    "录取通知书",
    "出院记录",
    "医保结算单",
]
QUALIFIERS = [
    "扎实",
    "认真",
    "全面",
    "及时",
    "规范",
    "精准",
    "常态化",
    "集中",
    "分批",
    "线上线下结合",
    "入户",
    "面对面",
    "一对一",
    "全覆盖",
    "从严",
    "公开透明",
]
RESULTS = [
    "职工满意率明显提高",
    "受到职工普遍欢迎",
    "帮助职工解决了实际困难",
    "增强了职工的获得感",
    "营造了安全生产的良好氛围",
    "推动了班组管理水平提升",
    "为完成全年目标任务提供了保障",
    "让职工感受到了组织的温暖",
    "形成了可复制可推广的经验",
    "实现了应助尽助",
]
TITLE_PATTERNS = {
    "notice": [
        "关于{action}{year}年{programme}工作的通知",
        "关于做好{programme}{object}报送的通知",
        "{org}关于{action}{programme}的通知",
    ],
    "policy": [
        "{programme}管理办法",
        "{programme}实施细则",
        "{org}{programme}工作规则",
        "关于规范{programme}{object}的暂行规定",
    ],
    "news": [
        "{org}{qualifier}{action}{programme}工作",
        "{place}{action}{programme}活动",
        "{org}为{subject}{action}{object}",
        "{programme}走进{place}",
    ],
    "case": ["{programme}的{place}实践", "一名{subject}眼中的{programme}", "{place}：把{programme}做到职工心坎上"],
    "course": ["{programme}专题培训", "{subject}{programme}能力提升课程", "{programme}实务"],
    "faq": [
        "{programme}怎么申请？",
        "{programme}需要准备哪些{object}？",
        "{subject}能参加{programme}吗？",
        "{programme}的{object}是什么？",
    ],
}
SENTENCES = [
    "{org}{qualifier}{action}{programme}工作，{result}。",
    "{subject}可以在{month}月{day}日前向所在分工会提交{object}，分工会审核后报公司工会。",
    "今年以来，{place}共{action}{programme}{number}次，覆盖{subject}{number}人。",
    "{programme}是工会服务{subject}的重要工作，各单位要{qualifier}{action}，确保不漏一人。",
    "按照{programme}有关规定，{subject}{action}{object}，由{org}统一{action}。",
    "{place}把{programme}和{programme2}结合起来，{result}。",
    "{org}负责人表示，将继续{action}{programme}，{result}。",
    "对{subject}反映的{object}问题，{org}{qualifier}跟进，{days}个工作日内答复。",
    "活动中，{subject}代表发言，感谢{org}在{programme}中的关心帮助。",
    "{programme}{object}在{place}公示{days}个工作日，无异议后{action}。",
]
TYPES = ["news"] * 40 + ["notice"] * 20 + ["policy"] * 12 + ["case"] * 10 + ["course"] * 8 + ["faq"] * 10


SLOTS = {
    "org": ORGANISATIONS,
    "place": PLACES,
    "subject": SUBJECTS,
    "action": ACTIONS,
    "object": OBJECTS,
    "qualifier": QUALIFIERS,
    "result": RESULTS,
    "programme2": PROGRAMMES,
}
NUMBERS = {"number": (2, 300), "days": (3, 10), "month": (1, 12), "day": (1, 28)}
QUERY_SLOTS = ("programme", "programme2", "place", "subject", "object")
_FIELDS: dict[str, list[str]] = {}


def _fields(pattern: str) -> list[str]:
    if pattern not in _FIELDS:
        _FIELDS[pattern] = [name for _, name, _, _ in string.Formatter().parse(pattern) if name]
    return _FIELDS[pattern]


def _fill(rng: random.Random, pattern: str, slots: dict[str, str], used: list[str]) -> str:
    """Fill `pattern`, drawing only the slots it names; remember the query-worthy words it used."""
    values = {}
    for name in _fields(pattern):
        if name in values:
            continue
        if name in slots:
            values[name] = slots[name]
        elif name in NUMBERS:
            values[name] = str(rng.randint(*NUMBERS[name]))
        else:
            values[name] = rng.choice(SLOTS[name])
        if name in QUERY_SLOTS:
            used.append(values[name])
    return pattern.format(**values)


def documents(count: int, *, seed: int = 20261124) -> Iterator[dict]:
    """`count` documents in the import_knowledge format; the first belongs to 公司工会 (the company union)."""
    rng = random.Random(seed)
    start = datetime.date(2019, 1, 1)
    for number in range(count):
        kind = rng.choice(TYPES)
        organisation = ORGANISATIONS[0] if number == 0 else rng.choice(ORGANISATIONS)
        programme = rng.choice(PROGRAMMES)
        slots = {"programme": programme, "org": organisation, "year": str(rng.randint(2019, 2026))}
        used: list[str] = []
        title = _fill(rng, rng.choice(TITLE_PATTERNS[kind]), slots, used)
        summary = _fill(rng, rng.choice(SENTENCES), slots, used)
        paragraphs = [
            "".join(_fill(rng, rng.choice(SENTENCES), slots, used) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(2, 3))
        ]
        yield {
            "external_id": f"speed-{number:06d}",
            "type": kind,
            "title": title,
            "summary": summary,
            "body": "\n\n".join(paragraphs),
            "published_at": (start + datetime.timedelta(days=rng.randint(0, 2880))).isoformat(),
            "organization": organisation,
            "tags": sorted({programme, rng.choice(PROGRAMMES)}),
            "_words": used,
        }


def queries(docs: list[dict], count: int, *, seed: int = 7) -> list[str]:
    """`count` queries of 2-4 words, each taken from one document's own words, so every query has hits."""
    rng = random.Random(seed)
    result = []
    while len(result) < count:
        words = list(dict.fromkeys(rng.choice(docs)["_words"]))
        if len(words) < 2:
            continue
        picked = rng.sample(words, min(len(words), rng.randint(2, 4)))
        result.append(" ".join(picked) if rng.random() < 0.3 else "".join(picked))
    return result
