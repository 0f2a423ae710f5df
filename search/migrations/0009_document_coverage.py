"""Document coverage: the words people type for what each of the union's documents is about.

Written from a reading of every kind of document the union publishes (policies, notices, news, answers,
courses and cases): for each, how a miner, a miner's family or a grassroots union officer who has not
read it would name its subject on a phone. Where no group yet joined that everyday word to the
document's own word, a group does now: abbreviations and older names (校招 and 秋招 for 校园招聘, 经审会
for 经费审查委员会, 劳资科 for 人力资源部, 劳动局 for 人社局, 夜大 for 成人高等教育, 扶贫 for 乡村振兴),
northern and mining-district speech (倒休 for 调休, 电褥子 for 电热毯, 五月节 for 端午节, 阳历年 for 元旦,
大礼拜 for 休息日, 技术大拿 for 技术能手, 穿小鞋 for 打击报复) and the names of daily life for the
papers and places the documents mention (户口本 for 户口簿, 出院小结 for 出院记录, 矿医院 for 职工医院,
盒饭 for 保温餐盒, 饭钱 for 餐费). Each group joins words of one meaning. Where the document's usual word
is already a member of another group, the group takes a different precise phrase from the documents
instead, so that no member is in two groups; none is a single character, and no member contains a word
the vocabulary already has, unless that word is in the same group. Editors change or delete them in the
admin like any other group.
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
NOTE = "文档用词覆盖"

WORDS = """
录取通知书 通知书 户口簿 银行卡 借记卡 困难证明 出院记录 费用清单 病历 病历首页 直接结算 刷卡结算 本科 本科生
高考成绩 高考放榜 矿工子弟 入户核实 入户走访 乡村振兴 定点扶贫 扶贫 脱贫攻坚 脱贫地区 留守儿童 师徒对子
调休 噪声 电测听 高千伏 复查 复诊 转诊 转诊单 义诊 高血压 测量血压 妇科病 职工医院 私拉乱接 私拉电线 电热毯
端午节 端午 中秋节 中秋 国庆节 国庆 元旦 国际劳动节 劳动节 国际妇女节 妇女节 休息日 周末 路费 往返路费 工龄
累计工作 校园招聘 职工活动中心 职工俱乐部 代办 代领 代为提交 公示 考勤记录 考勤 打击报复 外包单位 试用期 诉讼
起诉 就业歧视 赔偿金 赔偿 解除 工时制度 工时 工作时间 实战演练 演练 矿山救护大队 救护队 救护队伍 救护队员
技术能手 安全生产月 知识竞赛 知识问答 意见箱 看望 探望 集体协议 先进工作者 人社局 人社部门 人力资源部 工资
职工服务中心 考前辅导 考前辅导班 辅导班 成人高等教育 夏令营 文艺小分队 小分队 经费审查委员会 换届选举 换届
服务驿站 疲劳 保温餐盒 餐盒 餐费 全民阅读 阅读活动 读书分享会 小学 降尘 政策宣讲 宣讲会 入党 老职工 现金
""".split()

SYNONYMS = [
    # Papers to bring and how the money is paid
    ("录取通知书，录取通知，大学通知书，通知书", "金秋助学要交的材料"),
    ("户口簿，户口本", ""),
    ("银行卡，借记卡，储蓄卡", ""),
    ("困难证明，贫困证明", "家庭困难情况证明"),
    ("出院记录，出院小结，出院证明，出院单", "住院互助金、大病救助要交的材料"),
    ("费用清单，费用明细，住院清单，一日清单，明细单", ""),
    ("病历，病例，病历本，病历首页", "病例是常见的写法"),
    ("直接结算，刷卡结算，一站式结算，即时结算，不用垫钱，不用垫付", "出院时医保当场结算"),
    # School and children
    ("本科，本科生，一本，二本", ""),
    ("高考成绩，高考放榜，高考出分，高考查分", ""),
    ("矿工子弟，职工子弟，矿区子弟，矿二代", ""),
    ("小学，小学生，上小学，读小学", "托管班收小学生"),
    ("留守儿童，留守娃", ""),
    ("夏令营，研学，研学营，游学", "职工子女假期活动"),
    ("成人高等教育，成人教育，成教，夜大，业余大学", "夜大、业余大学是老叫法"),
    ("考前辅导，考前辅导班，辅导班，补习班，考前培训", "成人高考考前辅导"),
    # Hardship help
    ("入户核实，上门核实，入户调查，上门调查", "困难认定时上门看情况"),
    ("入户走访，上门走访，登门走访，家访", "送温暖上门"),
    ("乡村振兴，定点扶贫，扶贫，精准扶贫，脱贫攻坚", "公司对口帮扶村；原来叫扶贫"),
    ("脱贫地区，贫困地区，贫困县，贫困山区", "消费帮扶买的是这些地方的东西"),
    ("看望，探望，探视，探病，看望病人", "职工住院时去看"),
    ("老职工，老工人，老矿工", ""),
    ("现金，现钱", "过节能不能发钱"),
    # Health
    ("职工医院，矿医院，矿上医院，矿区医院，矿务局医院", "矿务局医院是老叫法"),
    ("噪声，噪音，噪音大", "职业病危害因素"),
    ("电测听，测听力，听力检查，查听力", "职业健康体检查耳朵"),
    ("高千伏，胸片，拍胸片，拍片子", "职业健康体检拍的胸片"),
    ("复查，复诊，复检，再查一次", "体检、筛查结果异常"),
    ("转诊，转诊单，转诊证明，转院", ""),
    ("义诊，专家坐诊，坐诊，送医上门", ""),
    ("高血压，血压高，血压偏高", ""),
    ("测量血压，量血压，测血压", ""),
    ("妇科病，妇科疾病，妇女病，妇女病普查", "妇女病普查是老叫法"),
    ("疲劳，犯困，打瞌睡，困乏，疲惫", "倒班和行为安全"),
    # Holidays and time off
    ("端午节，端午，五月节，五月端午", "五月节是北方叫法"),
    ("中秋节，中秋，八月十五，团圆节", ""),
    ("国庆节，国庆，十一长假，十一假期", ""),
    ("元旦，元旦节，阳历年", "阳历年是北方叫法"),
    ("国际劳动节，劳动节，五一劳动节，五一节", ""),
    ("国际妇女节，妇女节，三八妇女节，三八节，女神节", ""),
    ("休息日，公休日，双休日，周末，礼拜天，星期天，大礼拜", "大礼拜是大小周里连休的那个周末"),
    ("调休，倒休，换休", "倒休是北方叫法"),
    ("路费，往返路费，车费，车票钱，交通费", "探亲假路费报销"),
    # Work, pay and rights
    ("工资，工钱，薪水，薪资，薪酬", ""),
    ("工龄，工作年限，累计工作", "年休假天数看累计工作年限"),
    ("工时制度，工时，工作时间，工作时长，上班时长，综合工时", ""),
    ("考勤记录，考勤，打卡记录，打卡，出勤记录", "加班争议的证据"),
    ("试用期，试工期，实习期", ""),
    ("辞职，离职，主动辞职，解除", "职工提出解除劳动合同"),
    ("赔偿金，赔偿，赔钱", ""),
    ("诉讼，起诉，告单位，告公司，上法院，法院起诉", ""),
    ("就业歧视，性别歧视，招工歧视", ""),
    ("打击报复，穿小鞋，给穿小鞋，被报复", ""),
    ("外包单位，外包公司，外委单位，承包商，承包单位", ""),
    ("集体合同，集体协议", ""),
    ("人社局，人社部门，劳动局，劳动保障局", "劳动局是老叫法"),
    ("人力资源部，人事部，人事科，劳资科，劳资部", "劳资科是煤矿的老叫法"),
    ("校园招聘，校招，秋招，秋季招聘", ""),
    # Safety
    ("安全生产月，安全月，安全活动月", ""),
    ("应急演练，实战演练，演练，演习，应急演习，救援演练", ""),
    ("矿山救护大队，矿山救护队，救护大队，救护队，救护队伍，救护队员", ""),
    ("私拉乱接，私拉电线，乱拉电线，私接电线，乱接电线", "宿舍用电安全"),
    ("电热毯，电褥子", "电褥子是北方叫法"),
    ("降尘，防尘，除尘，粉尘治理", "井下作业环境"),
    # Union life
    ("职工服务中心，办事大厅，服务大厅，服务窗口", "有事找工会去哪里办"),
    ("代办，代领，代为提交，帮忙代办，找人代办，让人代办，委托代办", "倒班职工没空自己去"),
    ("公示，公示名单，张榜，张榜公布", ""),
    ("意见箱，建议箱，意见簿", ""),
    ("职工活动中心，活动中心，职工俱乐部，工人俱乐部，工人文化宫，文化宫", ""),
    ("服务驿站，歇脚点，歇脚，休息点，落脚点", "户外劳动者服务驿站"),
    ("经费审查委员会，经审会，经审委", ""),
    ("换届选举，换届，换届大会", ""),
    ("政策宣讲，政策解读，政策讲解，讲政策，宣讲会", ""),
    ("先进工作者，评先进，评先，评先评优，评优评先", ""),
    ("技术能手，技术尖子，技术大拿，技术状元，技术标兵", ""),
    ("师徒对子，传帮带，老带新，以老带新", "师带徒"),
    ("知识竞赛，知识问答，答题比赛，有奖答题，答题活动", ""),
    ("全民阅读，阅读活动，读书活动，读书分享会，看书", ""),
    ("文艺小分队，小分队，文艺宣传队，宣传队，演出队", "宣传队是老叫法"),
    ("入党，申请入党，想入党，入党申请书", ""),
    # Meals
    ("保温餐盒，餐盒，饭盒，盒饭，保温饭盒", "井下送餐"),
    ("餐费，饭钱，饭费，伙食费", ""),
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
    dependencies = [("search", "0008_situations")]

    operations = [migrations.RunPython(add, remove)]
