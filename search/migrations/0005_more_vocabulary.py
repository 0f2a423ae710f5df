"""More of the union's words and of the ways workers say them, learned from the first search evaluation.

Adds words and synonym groups (editors can change or delete them), and takes the over-broad 住院
(any hospital stay) out of the medical-aid group, where it pulled in unrelated results.
"""

from django.db import migrations

WORDS = """
两癌筛查 工会会费 会员卡 托管班 暑期托管 年休假 带薪年休假 心理咨询 心理健康 心理关爱 职工心理 劳动纠纷
生育补助 生育慰问 医疗互助 互助保障 异地就医 工伤保险 节日慰问 春节慰问 元旦春节 帮扶救助 生活救助
""".split()

SYNONYMS = [
    ("过年，春节，元旦春节，节日慰问，春节慰问", "逢年过节"),
    ("心情不好，心理，心理咨询，心理健康，心理关爱，情绪，失眠，睡不着，压力大", "心理关爱"),
    ("纠纷，劳动纠纷，劳动争议，闹纠纷，调解，打官司，律师，法律援助，维权", "维权"),
    ("暑假，暑期，暑期托管，托管班，孩子没人带，看孩子", "暑期托管"),
    ("年假，年休假，带薪年休假，休假", ""),
    ("生娃，生孩子，生育，分娩，生育补助，生育慰问", ""),
    ("困难补助，困难帮扶，生活救助，帮扶救助，生活补助", ""),
    ("看病，就医，医疗，医药费", ""),
    ("重病，大病，重大疾病", ""),
    ("会费，工会会费，交会费", ""),
]


def add(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SearchCounter = apps.get_model("search", "SearchCounter")
    SearchTerm.objects.bulk_create([SearchTerm(word=word) for word in dict.fromkeys(WORDS)], ignore_conflicts=True)
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=terms, note=note) for terms, note in SYNONYMS])
    SynonymGroup.objects.filter(terms="大病救助，医疗救助，住院补助，医疗互助，住院").update(
        terms="大病救助，医疗救助，住院补助，医疗互助，住院医疗互助"
    )
    SynonymGroup.objects.filter(terms="补助，补贴，资助").update(terms="补助，补贴，资助，慰问金，慰问")
    SearchCounter.objects.filter(name="dictionary").update(value=models_F("value") + 1)


def models_F(name):
    from django.db.models import F

    return F(name)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_token_prefix_index")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
