"""Situations: how miners and their families describe what happened when they look for help.

A worker rarely types the name of a programme; they type what happened to them (砸伤 of a work injury,
揭不开锅 of a family in need, 房子被淹 of a disaster, 工资没到账 of unpaid wages, 孩子放假没人看 of holiday
child care). Each group joins such descriptions with the precise words the union's own policies, notices
and answers use for the programme or right that covers the situation (受伤职工, 人均收入, 因灾, 劳动报酬,
看护难题). Where the programme's usual word is already a member of another group, the group takes a
different precise phrase from the documents instead, so that no member is in two groups; none is a
single character, and no member contains a word the vocabulary already has (不给报工伤 would hide
工伤 from the query). Editors change or delete them in the admin like any other group.
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
NOTE = "职工求助情形"

WORDS = """
受伤职工 遗属 接触粉尘 康复理疗 腰腿痛 劳动强度 调整岗位 因病致困 因病返困 起付线 陪护服务 因灾 临时困难
生活严重困难 人均收入 脱困 单亲家庭 上学负担重 就业推荐会 劳动报酬 延长工作时间 补休 经济补偿 劳动关系
同工同酬 正式职工 看护难题 双职工 专业选择 新高考 家长课堂 死亡证明 孤寡老人 保留会员身份 晚年生活 经期
职场性骚扰 乳腺癌 宫颈癌 危机干预 压力调适 家庭关系 亲子沟通 家庭变故 作息调整 发车时间 热饭热菜 送餐
饭菜质量 就餐环境 室温 年货礼包 米面油 隐患随手拍 险情 违章指挥 停止作业 安全帮教 三违 高温作业 露天作业
应急救援 自救互救 职业技能等级 高级技师 开放大学 自学考试 健步走 健身房 快板 书画
""".split()

SYNONYMS = [
    ("受伤职工，砸伤，摔伤，碰伤，压伤，挤伤，夹伤，扭伤，受了伤", "工伤：职工说的是怎么伤的"),
    ("致残，落下残疾，落了残疾，伤残了", ""),
    ("遗属，工亡职工，孤儿寡母", "因工死亡职工的家里人"),
    ("接触粉尘，肺功能，吃粉尘，吸粉尘，喘不上气，胸闷气短，肺不好，听力下降，耳朵听不清", "职业健康体检"),
    ("康复理疗，腰腿痛，颈肩腰腿痛，理疗，腰腿疼，腰疼，腿疼，腰椎间盘突出，颈椎病，腰肌劳损", "职工医院康复"),
    ("劳动强度，调整岗位，干不了重活，干不动重活，调岗，换个轻岗，调轻岗", "病后、年纪大调轻一点的岗位"),
    ("因病致困，得了绝症，白血病，脑出血，脑溢血，中风，脑梗，心梗，做手术，动手术", "大病救助：职工说的是得了什么病"),
    ("起付线，因病返困，看不起病，治不起病，住不起院，花了好几万", "看病自己花钱多：互助金、大病救助"),
    ("陪护服务，没人陪护，没人陪床，请护工", "住院探望和陪护"),
    ("因灾，水灾，遭了水灾，发大水，发洪水，房子被淹，家里被淹，冰雹，地震，泥石流", "临时救助：受灾"),
    ("临时困难，生活严重困难，家里出了事，家里出事，遭了难，飞来横祸，天降横祸，被车撞，撞车", "临时救助：突发变故"),
    ("人均收入，脱困，揭不开锅，日子过不下去，过不下去了，吃不上饭，入不敷出，没钱过日子", "困难帮扶：家里日子难过"),
    ("单亲家庭，单亲，离异家庭", ""),
    ("残疾，残疾人，瘫痪，瘫痪在床，卧床不起，生活不能自理", "家里有残疾、卧床的人"),
    ("上学负担重，上不起大学，上不起学，交不起学费，学费交不起", "孩子上学钱不够：助学"),
    ("就业推荐会，稳定工作，没工作，没有工作，失业，待业，下岗，找不到工作", "家里人没活干：就业帮扶"),
    (
        "劳动报酬，没发工资，工资没发，工资没到账，拿不到工资，没拿到工资，工资要不回来，克扣工资，扣工资，少发工资",
        "工资没给、少给",
    ),
    ("延长工作时间，补休，白加班，加班不给钱，加班没给钱，周末加班，天天加班", "加班工资"),
    ("经济补偿，经济补偿金，辞退，开除，解雇，炒鱿鱼，不续签，续签，合同到期", "解除、终止劳动合同"),
    ("劳动关系，确认劳动关系，没签合同，不签合同，不给签合同，没合同", ""),
    ("没上保险，不给上保险，没给上保险，断缴", "单位不交社会保险"),
    ("同工同酬，同工不同酬，正式职工，正式工，编外", "派遣工、外包工和正式工待遇一样"),
    ("请不下假，休不了假，假休不了", "年休假休不上"),
    ("看护难题，没人看管，双职工，放假没人管，没人照看，寒假", "假期孩子没人看：托管班"),
    ("专业选择，新高考，家长课堂，选专业，报学校，选学校，报哪个学校", "孩子高考后报志愿"),
    ("勤工俭学，假期打工", "大学生假期找活干"),
    ("再婚，二婚，扯证，办喜事，办婚礼，摆喜酒，成家，嫁人", "结婚慰问"),
    ("添丁，当爹了，当妈了，宝宝出生，喜得贵子，喜得千金", "生育慰问"),
    ("死亡证明，白事，老人走了，老人没了", "去世慰问"),
    ("团聚，两地分居，夫妻分居，分居两地，回老家", "探亲假"),
    ("孤寡老人，空巢老人，独居老人，照顾老人，年迈", "家里的老人"),
    ("保留会员身份，晚年生活，退了休，退下来", "退休以后"),
    ("经期，例假，生理期，月经，痛经，四期保护", "女职工经期保护"),
    ("职场性骚扰，性骚扰，被骚扰，动手动脚", ""),
    ("乳腺癌，宫颈癌，乳腺彩超，乳腺检查，查乳腺，宫颈筛查", "女职工两癌筛查"),
    ("危机干预，想不开，轻生，想自杀，活着没意思", "心理危机：24小时援助热线"),
    ("压力调适，减压，抑郁，抑郁症，焦虑，焦虑症，心烦，烦躁，憋屈，睡不好觉", "心理关爱"),
    ("家庭关系，亲子沟通，家庭变故，家庭矛盾，夫妻吵架，两口子吵架，闹离婚，离婚，婆媳矛盾", "家里的矛盾：心理咨询"),
    ("作息调整，睡眠，黑白颠倒，日夜颠倒，作息不规律，生物钟乱", "倒班作息"),
    ("发车时间，上下班不方便，下班没车，没车回家，赶不上车", "通勤班车"),
    ("热饭热菜，热饭，点餐，送餐，吃不上热饭，吃冷饭，吃凉饭，饭菜凉，带饭，送饭", "井下班中餐"),
    ("饭菜质量，就餐环境，满意度调查，饭菜不好吃，饭菜难吃，饭难吃，饭菜太贵", "食堂意见"),
    ("室温，屋里冷", "宿舍取暖"),
    ("拎包入住，没地方住，没房住，租房，租房子", "住宿"),
    ("年货礼包，年货，米面油，粽子，月饼，发东西", "过节发的东西"),
    ("隐患随手拍，随手拍，隐患，安全隐患，险情", "发现危险"),
    ("违章指挥，停止作业，冒险作业，强令冒险，逼着干活", "被逼冒险作业"),
    ("安全帮教，帮教，三违，违章，违章作业，违章被罚", ""),
    ("高温作业，露天作业，绿豆汤，藿香正气水，中暑，热晕，热得受不了，天太热", "防暑降温"),
    (
        "应急救援，自救互救，避灾路线，紧急避险，心肺复苏，止血包扎，急救，急救员，自救器，冒顶，透水，瓦斯爆炸",
        "井下灾害、自救和急救",
    ),
    ("职业技能等级，高级技师，技能等级，考证，考技师，评技师，考高级工", "技能等级"),
    ("带徒津贴，师徒结对，拜师，带徒弟，学徒，学徒工", ""),
    ("开放大学，自学考试，高起专，自考，电大，文凭，学历低", "拿个文凭：学历提升补助"),
    (
        "健步走，健身房，乒乓球室，趣味运动会，运动会，拔河比赛，拔河，徒步，健身，锻炼身体，没地方锻炼，乒乓球",
        "职工体育活动",
    ),
    ("快板，三句半，小品，相声，唱歌，跳舞，广场舞", "文艺节目"),
    ("书画，书画摄影展，书法，毛笔字，画画，绘画，国画，摄影", ""),
    ("牵手，没对象，脱单，介绍对象，找不到对象", "单身职工找对象"),
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
    dependencies = [("search", "0007_everyday_words")]

    operations = [migrations.RunPython(add, remove)]
