"""Ways miners and their families say the union's things, written from the union's own vocabulary.

Each group joins a programme's or a document's word with the everyday words workers use for it
(金点子 for 合理化建议, 涨工资 for 工资集体协商, 班车 for 通勤班车). Editors change or delete them in
the admin like any other group. Words added here segment documents differently, so content that holds
them is queued for re-analysis in the search outbox (drained by the background worker or
``manage.py search_drain``), as when an editor adds a word in the admin.
"""

from django.db import migrations
from django.db.models import F, Q
from django.utils import timezone

WORDS = """
班中餐 工作餐 通勤班车 通勤车 接送车 劳务派遣 劳务派遣工 派遣工 临时救助 应急救助 急难救助 合理化建议 金点子
建言献策 小改小革 工资协商 集体协商 母婴室 爱心妈咪小屋 妈咪小屋 哺乳室 防暑降温 高温慰问 送清凉 技术比武
岗位练兵 技能大赛 学历提升 提升学历 专升本 成人高考 会员服务卡 普惠卡 拖欠工资 欠薪 讨薪 加班费 病故 丧葬
群监员 生育假 家庭困难 生活困难 困难户
""".split()

SYNONYMS = [
    ("工资集体协商，工资协商，集体协商，涨工资，加工资，工资增长", "工资谈判"),
    ("合理化建议，金点子，建言献策，职工建议，小改小革", ""),
    ("劳务派遣，劳务派遣工，派遣工，临时工，劳务工", "非全日制、派遣用工"),
    ("通勤班车，班车，通勤车，接送车", ""),
    ("班中餐，工作餐，午饭，午餐", "井下就餐"),
    ("临时救助，应急救助，急难救助，救急，突发困难", ""),
    ("母婴室，爱心妈咪小屋，妈咪小屋，哺乳室", ""),
    ("防暑降温，夏送清凉，高温慰问，送清凉，三伏天", ""),
    ("职工书屋，图书室，阅览室，借书", ""),
    ("拖欠工资，欠薪，讨薪，工资拖欠，不发工资", ""),
    ("加班费，加班工资", ""),
    ("技能竞赛，技术比武，岗位练兵，技能大赛，技能比赛", ""),
    ("去世，病故，过世，亡故，丧事，丧葬", ""),
    ("会员卡，会员服务卡，工会卡，普惠卡", ""),
    ("学历提升，提升学历，学历教育，专升本，成人高考，函授", ""),
    ("产假，生育假，坐月子", ""),
    ("困难职工，困难户，生活困难，家庭困难，经济困难", ""),
    ("群众安全监督员，安全监督员，群监员", ""),
    ("劳动合同，用工合同，聘用合同", ""),
    ("篮球赛，篮球比赛", ""),
]


def add(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SearchCounter = apps.get_model("search", "SearchCounter")
    SearchTerm.objects.bulk_create([SearchTerm(word=word) for word in dict.fromkeys(WORDS)], ignore_conflicts=True)
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=terms, note=note) for terms, note in SYNONYMS])
    SearchCounter.objects.filter(name="dictionary").update(value=F("value") + 1)

    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchOutbox = apps.get_model("search", "SearchOutbox")
    holds_a_word = Q()
    for word in WORDS:
        holds_a_word |= Q(title__contains=word) | Q(summary__contains=word) | Q(body__contains=word)
    keys = SearchEntry.objects.filter(live=True).filter(holds_a_word).values_list("key", flat=True)
    now = timezone.now()
    SearchOutbox.objects.bulk_create([SearchOutbox(key=key, available_at=now) for key in keys.iterator()], 1000)


def remove(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[terms for terms, _ in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0005_more_vocabulary")]

    operations = [migrations.RunPython(add, remove)]
