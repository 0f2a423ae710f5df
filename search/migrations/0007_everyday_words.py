"""Everyday words: how miners and their families say the things the union's programmes are about.

Each group joins the word a policy or notice uses with the plain words people type on a phone
(媳妇 for 配偶, 报账 for 报销, 三班倒 for 倒班, 大专 for 专科, 着火 for 火灾). No member is in another group
and none is a single character. Editors change or delete them in the admin like any other group.
Words added here segment documents differently, so content that holds any of them is queued for
re-analysis in the search outbox (drained by the background worker or ``manage.py search_drain``),
as when an editor adds a word in the admin; undoing the migration removes what it added and queues
the same content again.
"""

import re

from django.db import migrations
from django.db.models import F

from search.migrations import _vocabulary

# Marks the vocabulary rows this migration created, so that undoing it leaves editors' own rows alone.
NOTE = "职工日常说法"

WORDS = """
配偶 老公 父亲 母亲 父母 女儿 直系亲属 怀孕 哺乳期 陪产假 因工死亡 出生医学证明 生日蛋糕卡 退休人员 报销 互助金
住院互助金 缴纳 个人自付 医疗费用 夜班津贴 班中餐补贴 购物卡 慰问品 最低生活保障 社会保险 医保 城乡居民医保 大病保险
大额医疗补助 慢性病 门诊特殊慢性病 恶性肿瘤 尿毒症 职业病 尘肺病 生病 两癌 下井 井下作业 井下职工 倒班 夜班 因工受伤
停工留薪期 劳动能力鉴定 工作调动 会员关系转接 法定休假日 外包用工 新入职职工 劳动防护用品 专科 高职 研究生 普通高中
中等职业学校 技校 高考志愿填报 助学贷款 助学补助 火灾 房屋倒塌 自然灾害 交通事故 突发意外 职工宿舍 暖气 浴室 职工食堂
探亲假 重阳节 联谊会 单身青年 文艺汇演 旅游 志愿服务 慈善一日捐 法律咨询 劳动仲裁 服务热线 职工服务小程序 就业帮扶
困难认定
""".split()

SYNONYMS = [
    # Family
    ("配偶，爱人，媳妇，老婆，妻子，老伴", "夫妻一方；矿工说的多是媳妇"),
    ("老公，丈夫", ""),
    ("父亲，爸爸，老爸，老爹", ""),
    ("母亲，妈妈，老妈", ""),
    ("父母，爸妈，爹妈，爹娘，双亲", ""),
    ("女儿，闺女", ""),
    ("直系亲属，家属，家人，家里人，亲属，亲人", "家里人去世、看病、就业"),
    # Births, marriages, deaths
    ("怀孕，孕期，怀孩子，孕妇，妊娠", ""),
    ("哺乳期，哺乳时间，哺乳假，喂奶，喂母乳，母乳喂养，背奶", ""),
    ("陪产假，陪产，护理假，男方护理假，陪护假", "媳妇生孩子男职工的假"),
    ("因工死亡，因公死亡，因公牺牲，因工去世", ""),
    ("出生医学证明，出生证明，出生证", ""),
    ("生日蛋糕卡，蛋糕卡，生日卡，蛋糕券，生日福利", ""),
    ("退休人员，退休职工，离退休人员，退休会员，退休老职工", ""),
    # Money
    ("报销，报账，报钱", ""),
    ("互助金，住院互助金，住院险，互助险，工会住院险，二次报销", "住院医疗互助保障"),
    ("缴纳，交纳，缴费，交费，交钱", ""),
    ("个人自付，个人负担，自付，自费，自己掏钱，自己花钱", ""),
    ("医疗费用，医疗费，看病钱，治病钱，治疗费用", ""),
    ("夜班津贴，夜班补贴，夜班费，夜班补助", ""),
    ("班中餐补贴，伙食补贴，餐费补贴，就餐补贴", ""),
    ("购物卡，超市卡，购物券，代金券，提货卡", ""),
    ("慰问品，节日福利，过节福利，过节费，福利品", "过节发的东西"),
    ("最低生活保障，低保，城市低保，低保标准", ""),
    ("社会保险，社保，交社保，缴社保", ""),
    # Illness and insurance
    ("医保，医疗保险，基本医保", ""),
    ("城乡居民医保，居民医保，新农合，农村医保，合作医疗", "家属的医保"),
    ("大病保险，大额医疗补助，大额医疗", ""),
    ("异地就医，异地就医备案，异地备案，外地看病，外地就医，外地住院", ""),
    ("慢性病，慢病，门诊慢特病，慢特病，门诊特殊慢性病", ""),
    ("恶性肿瘤，癌症，肿瘤", ""),
    ("尿毒症，肾衰竭，肾衰，透析，血透", ""),
    ("职业病，尘肺病，尘肺，矽肺病，矽肺，硅肺，煤工尘肺", ""),
    ("生病，患病，得病，生了病，得了病", ""),
    ("两癌，两癌检查，妇科检查，妇检", ""),
    # Work
    ("下井，井下作业，井下工作，在井下干活", ""),
    ("井下职工，井下工人，煤矿工人，下井工人，挖煤工人", ""),
    ("一线职工，一线工人，一线员工", ""),
    ("倒班，轮班，三班倒，四班三倒，两班倒，轮班制", ""),
    ("夜班，晚班，大夜班，上夜班，夜里上班", ""),
    ("因工受伤，工作中受伤，上班受伤，干活受伤，事故伤害", "工伤"),
    ("工伤认定，认定工伤，申报工伤，工伤申报", ""),
    ("工伤保险，工伤险，工伤待遇，工伤保险待遇，工伤赔偿，工伤赔付", ""),
    ("停工留薪期，停工留薪，工伤假，养伤假", ""),
    ("劳动能力鉴定，伤残鉴定，评残，伤残等级鉴定", ""),
    ("工作调动，调动工作，调单位，换单位", ""),
    ("会员关系转接，转会，工会关系转接，转工会关系，会员关系转移", ""),
    ("法定休假日，法定节假日，法定假日，国家法定假日", ""),
    ("外包用工，外包工，外包人员，外包职工，外委人员", ""),
    ("新入职职工，新入职，新职工，新员工，刚入职，新工人", ""),
    ("劳动防护用品，劳动防护，劳保用品，劳保，防护用品", ""),
    # School
    ("专科，大专，高职，专科生，高职高专", ""),
    ("研究生，硕士研究生，硕士，读研，考研", ""),
    ("普通高中，高中，普高，上高中，读高中，高中生", ""),
    ("中等职业学校，中职，中专，技校，职高，职业高中，中职生", ""),
    ("高考志愿填报，志愿填报，填报志愿，报志愿，填志愿", ""),
    ("助学贷款，生源地信用助学贷款，生源地贷款，国家助学贷款", ""),
    ("助学补助，子女助学补助，上学补助，读书补助，教育补助", "高中、中职在校生"),
    # Home and mishaps
    ("火灾，着火，失火，起火", ""),
    ("房屋倒塌，房子塌了，房子倒了，房屋垮塌", ""),
    ("自然灾害，天灾，遭灾，受灾", ""),
    ("交通事故，车祸，出车祸", ""),
    ("突发意外，意外事故，出意外，意外伤害", ""),
    ("职工宿舍，宿舍，单身宿舍，公寓", ""),
    ("暖气，供暖，取暖，供热，烧暖气", ""),
    ("浴室，澡堂，洗澡堂，洗浴，洗澡", ""),
    ("职工食堂，食堂，饭堂，伙房", ""),
    # Leave and holidays
    ("探亲假，探家假，探亲，回家探亲，探亲休假", ""),
    ("重阳节，重阳，九九重阳，老人节", ""),
    # Leisure and community
    ("联谊会，联谊，相亲，相亲会，交友，婚恋，婚恋交友，找对象，单身联谊", ""),
    ("单身青年，单身职工，光棍，大龄青年", ""),
    ("文艺汇演，文艺演出，文艺晚会，联欢晚会，慰问演出", ""),
    ("旅游，旅行，出游，游玩", ""),
    ("志愿服务，志愿者，义工，志愿服务队，青年志愿者", ""),
    ("慈善一日捐，一日捐，捐款，捐钱，献爱心，爱心捐款", ""),
    # Rights, help and where to go
    ("法律咨询，免费法律咨询，法律顾问，免费律师，律师咨询", ""),
    ("劳动仲裁，仲裁，申请仲裁，劳动人事争议仲裁", ""),
    ("厂务公开，矿务公开，厂务公开栏，公开栏，公示栏", ""),
    ("服务热线，热线电话，热线，咨询电话，联系电话", ""),
    ("职工服务小程序，小程序，网上办理，线上办理，手机办理，在线申请，线上申请，网上申请", ""),
    ("就业帮扶，就业服务，找工作，介绍工作，推荐就业", ""),
    ("困难认定，建档，建档立卡，困难建档，困难档案", ""),
]

HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def new_words() -> list[str]:
    """The vocabulary words and every synonym member jieba will now keep whole."""
    members = [m.strip() for terms, _ in SYNONYMS for m in re.split(r"[,，、;；\n\r]+", terms) if m.strip()]
    return list(dict.fromkeys(w for w in [*WORDS, *members] if HAN_WORD.fullmatch(w)))


def queue_reanalysis(apps):
    """Queue every live entry holding one of the words: its segmentation changes with the dictionary."""
    _vocabulary.queue_reanalysis(apps, new_words())


def add(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SearchCounter = apps.get_model("search", "SearchCounter")
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, note=NOTE) for word in dict.fromkeys(WORDS)], ignore_conflicts=True
    )
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=terms, note=note) for terms, note in SYNONYMS])
    SearchCounter.objects.filter(name="dictionary").update(value=F("value") + 1)
    queue_reanalysis(apps)


def remove(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SearchCounter = apps.get_model("search", "SearchCounter")
    SearchTerm.objects.filter(word__in=WORDS, note=NOTE).delete()
    SynonymGroup.objects.filter(terms__in=[terms for terms, _ in SYNONYMS]).delete()
    SearchCounter.objects.filter(name="dictionary").update(value=F("value") + 1)
    queue_reanalysis(apps)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_union_synonyms")]

    operations = [migrations.RunPython(add, remove)]
