"""Broader words: the narrow words people type, pointed one way at the general word the union's documents use.

A worker types what they have in front of them (儿子, 肺癌, 骨折, 暴雨, 查体, 大年三十, 特困户); the union's
policies, notices and answers use the general word that covers it (子女, 恶性肿瘤 and 重大疾病, 工伤 and
意外伤害, 自然灾害, 体检, 春节 and 法定节假日, 困难职工). Each group here holds one narrow meaning (with its
own plain synonyms) and names those general words as its broader words (上位词): a query for a member also
finds documents with a broader word, ranked below those with the member itself, and a query for the broader
word does not find the member. Co-narrow words are not put in one group (肺癌 does not find 胃癌), and no
broader link crosses to a different meaning. Some groups link a word to a document word that already belongs
to another group, which a plain synonym could not do: 技工学校 to 技校, 因病致贫 to 因病致困, 女职委 to
女职工委员会, 补假 to 补休, 安家费 to 安家补贴.
As in 0009, no member is in another group, none is a single character, and none contains a vocabulary word
unless it is in the same group or is one of the group's broader words (生育津贴 → 生育). Every broader word
occurs in the union's documents. Words a query often holds by chance, or that sound exactly like a common
word, are left out (元宵 sounds like 院校, 除夕 like 出席, 截肢 like 截止, 产检 sits inside 生产检查).
Editors change or delete the groups in the admin like any other group.
Words added here (members and broader words alike become jieba words) segment documents differently: 节日
now cuts 节日慰问品 as 节日 and 慰问品, so 过节费 and 福利品 find it through 慰问品. Content that holds any of
them is queued for re-analysis in the search outbox (drained by the background worker or
``manage.py search_drain``), as when an editor adds a word in the admin; undoing the migration removes what
it added and queues the same content again.
"""

import re

from django.db import migrations
from django.db.models import F, Q

from search.migrations import _vocabulary

# Marks the vocabulary rows this migration created, so that undoing it leaves editors' own rows alone.
NOTE = "上位词"

WORDS = """
留守老人 重点大学 职业学校 网络教育 网教 结直肠癌 卒中 骨裂 骨头断了 电击伤 断手指 手指断了 山体滑坡
一氧化碳中毒 查体 女职委 女员工 生育津贴 生育保险 生育险 孕检 二孩 三孩 五险一金 特困家庭 特困职工
贫困职工 因病致贫 因病返贫 智力障碍 买药钱 高温费 高温津贴 职工餐厅 女职工委员会 困难家庭 安家补贴
""".split()

# (members, broader words, note)
SYNONYMS = [
    # Family
    ("儿子", "子女", "女儿、闺女已是一组"),
    ("夫妻，夫妇，两口子", "配偶", "夫妻一方是配偶"),
    ("爷爷，祖父", "直系亲属，老人", "家里老人去世慰问"),
    ("奶奶，祖母", "直系亲属，老人", "家里老人去世慰问"),
    ("姥爷，外公", "直系亲属，老人", "姥爷是北方叫法"),
    ("姥姥，外婆", "直系亲属，老人", "姥姥是北方叫法"),
    ("岳父，丈人，老丈人", "亲属", "配偶的父母是姻亲，不是直系亲属"),
    ("岳母，丈母娘", "亲属", "配偶的父母是姻亲，不是直系亲属"),
    ("婆婆", "亲属", "配偶的父母是姻亲，不是直系亲属"),
    ("老人", "直系亲属，父母", "家里的老人去世、看病、探亲"),
    ("留守老人", "孤寡老人，老人", "子女在外地的老人"),
    # School
    ("博士，博士生", "研究生", "金秋助学按研究生资助"),
    ("重点大学，名牌大学，名校", "本科", "金秋助学按本科资助"),
    ("技工学校", "技校，中等职业学校", "技校是简称"),
    ("职业学校", "中等职业学校，中职", "中职在校生助学补助"),
    ("网络教育，网教", "学历教育", "学历提升补助"),
    # Serious illness: the documents say 恶性肿瘤, 重大疾病, 大病
    ("肺癌", "恶性肿瘤，重大疾病，大病", "大病救助"),
    ("胃癌", "恶性肿瘤，重大疾病，大病", "大病救助"),
    ("肝癌", "恶性肿瘤，重大疾病，大病", "大病救助"),
    ("食管癌，食道癌", "恶性肿瘤，重大疾病，大病", "大病救助"),
    ("肠癌，结直肠癌", "恶性肿瘤，重大疾病，大病", "大病救助"),
    ("血癌", "恶性肿瘤，重大疾病，大病", "白血病的俗称"),
    ("淋巴瘤，淋巴癌", "恶性肿瘤，重大疾病，大病", "大病救助"),
    ("化疗，放疗，放化疗", "恶性肿瘤，大病", "治癌症"),
    ("心肌梗死，心肌梗塞", "重大疾病，大病", "心梗的全称"),
    ("脑卒中，卒中", "重大疾病，大病", "中风"),
    ("脑血栓", "重大疾病，大病", "大病救助"),
    ("换肾，肾移植", "尿毒症，重大疾病", "大病救助"),
    # Injuries: 工伤 at work, 意外伤害 (住院互助) anywhere
    ("骨折，骨裂，骨头断了", "工伤，意外伤害", "工伤、住院互助"),
    ("烧伤，烫伤，烧烫伤", "工伤，意外伤害", "工伤、住院互助"),
    ("割伤，划伤，划破，割破", "工伤，意外伤害", "工伤、住院互助"),
    ("触电，电击伤", "工伤，意外伤害", "工伤、住院互助"),
    ("断指，断手指，手指断了", "工伤，意外伤害", "工伤、住院互助"),
    # Disasters and accidents at home: 临时救助
    ("暴雨", "自然灾害", "临时救助：受灾"),
    ("暴雪，雪灾", "自然灾害", "临时救助：受灾"),
    ("旱灾，干旱", "自然灾害", "临时救助：受灾"),
    ("山体滑坡", "自然灾害", "临时救助：受灾"),
    ("煤气中毒，一氧化碳中毒", "突发意外，意外伤害", "冬季取暖"),
    # Holidays
    ("大年三十，大年夜", "春节，法定节假日", "除夕"),
    ("元宵节，正月十五，闹元宵", "节日", "节日慰问品"),
    ("清明节，清明", "法定节假日，节日", "加班工资按法定节假日算"),
    # Check-ups
    ("查体", "体检", "查体是北方和部队的叫法"),
    ("抽血，验血，血常规", "体检", "体检项目"),
    ("心电图", "体检", "体检项目"),
    # Women workers, childbirth
    ("女职委，妇委会", "女职工委员会", "妇委会是老叫法"),
    ("女员工，女同胞", "女职工", "女职工权益"),
    ("生育津贴", "产假，生育", "产假期间的工资"),
    ("生育保险，生育险", "社会保险，生育", "生育津贴由生育保险支付"),
    ("产前检查，孕检", "孕期", "孕期保护"),
    ("剖腹产，剖宫产", "生育", "生育慰问、产假"),
    ("顺产", "生育", "生育慰问、产假"),
    ("二胎，二孩，生二胎", "生育", "生育慰问、产假"),
    ("三胎，三孩", "生育", "生育慰问、产假"),
    ("双胞胎，龙凤胎", "多胞胎", "产假按多胞胎增加"),
    # Social insurance
    ("养老保险，养老险", "社会保险", "单位不交社会保险"),
    ("五险一金", "社会保险", "单位不交社会保险"),
    # Hardship
    ("特困户，贫困户，特困家庭，贫困家庭，特困职工，贫困职工", "困难职工，困难家庭", "困难帮扶"),
    ("因病致贫", "因病致困", "致贫是扶贫的说法，工会文件说致困"),
    ("因病返贫", "因病返困", "返贫是扶贫的说法，工会文件说返困"),
    ("智障，智力障碍", "残疾", "家里有残疾人"),
    ("脑瘫", "残疾", "家里有残疾人"),
    ("盲人", "残疾", "家里有残疾人"),
    ("聋哑人，聋哑，聋人", "残疾", "家里有残疾人"),
    # Money
    ("药费，买药钱", "医疗费用", "看病花的钱"),
    ("住院费，住院费用", "医疗费用", "看病花的钱"),
    ("手术费", "医疗费用", "看病花的钱"),
    ("高温费，高温津贴", "防暑降温", "夏送清凉"),
    ("安家费", "安家补贴", "校园招聘"),
    ("补假", "补休", "休息日加班"),
    # Protective equipment
    ("安全帽", "劳动防护用品", "劳保"),
    ("工作服，工装", "劳动防护用品", "劳保"),
    # Sport
    ("羽毛球", "文体活动", "职工体育活动"),
    ("钓鱼", "文体活动", "职工体育活动"),
    ("太极拳，太极", "文体活动", "职工体育活动"),
    ("爬山，登山", "文体活动", "职工体育活动"),
    # What is handed out, and where
    ("水果", "慰问品", "过节、探望发的东西"),
    ("大米", "米面油", "过节发的东西"),
    ("食用油，花生油，豆油", "米面油", "过节发的东西"),
    ("图书馆", "职工书屋", "借书看书"),
    ("餐厅，职工餐厅", "食堂", "职工食堂"),
]

HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
SEPARATORS = r"[,，、;；\n\r]+"


def new_words() -> list[str]:
    """The vocabulary words, every member and every broader word: jieba keeps them all whole now."""
    listed = [m.strip() for terms, broader, _ in SYNONYMS for m in re.split(SEPARATORS, f"{terms}，{broader}")]
    return list(dict.fromkeys(w for w in [*WORDS, *listed] if HAN_WORD.fullmatch(w)))


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
    SynonymGroup.objects.bulk_create(
        [SynonymGroup(terms=terms, broader=broader, note=note) for terms, broader, note in SYNONYMS]
    )
    SearchCounter.objects.filter(name="dictionary").update(value=F("value") + 1)
    queue_reanalysis(apps)


def remove(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SearchCounter = apps.get_model("search", "SearchCounter")
    SearchTerm.objects.filter(word__in=WORDS, note=NOTE).delete()
    ours = Q(pk__in=[])
    for terms, _, note in SYNONYMS:
        ours |= Q(terms=terms, note=note)
    SynonymGroup.objects.filter(ours).delete()
    SearchCounter.objects.filter(name="dictionary").update(value=F("value") + 1)
    queue_reanalysis(apps)


class Migration(migrations.Migration):
    dependencies = [("search", "0010_synonym_broader")]

    operations = [migrations.RunPython(add, remove)]
