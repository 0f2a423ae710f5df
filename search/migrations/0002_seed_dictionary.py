"""The union vocabulary and synonyms editors start from; they edit them in the admin afterwards."""

from django.db import migrations

WORDS = """
金秋助学 送温暖 冬送温暖 夏送清凉 春送岗位 困难职工 困难帮扶 精准帮扶 帮扶资金 建档立卡 生活救助 助学金
职代会 职工代表大会 疗休养 职工疗养 工会会员 会员服务 普惠服务 职工之家 职工小家 爱心驿站 户外劳动者
劳模 劳动模范 劳模创新工作室 创新工作室 五一劳动奖章 大国工匠 技能竞赛 劳动竞赛 合理化建议 五小成果
女职工 四期保护 职工书屋 读书月 职工互助保障 互助保障 大病救助 医疗救助 住院补助 医疗互助 慰问金 工会经费
工会会费 入会 转会 厂务公开 集体合同 工资集体协商 劳动保护 安康杯 班组长 健康体检 生育补助 结婚慰问
丧葬补助 退休职工 工伤认定 劳动争议 法律援助 心理咨询 文体活动 职工运动会 群众安全监督员 一线职工 煤矿工人
""".split()

SYNONYMS = [
    ("大病救助，医疗救助，住院补助，医疗互助，住院", "看病住院花费多"),
    ("上大学，考上大学，考入大学，升学，助学，金秋助学，助学金", "子女上学"),
    ("孩子，子女，小孩，儿女", ""),
    ("补助，补贴，资助", ""),
    ("帮扶，帮困，困难帮扶，扶贫济困", ""),
    ("疗休养，疗养，休养", ""),
    ("职代会，职工代表大会", ""),
    ("送温暖，冬送温暖，走访慰问", ""),
    ("劳模，劳动模范，先进个人", ""),
    ("女职工，女工", ""),
    ("工伤，因工负伤，工作受伤", ""),
    ("结婚，新婚，婚庆", ""),
    ("生育，生孩子，分娩", ""),
    ("退休，离退休", ""),
    ("入会，加入工会", ""),
    ("体检，健康体检", ""),
    ("维权，劳动争议，法律援助", ""),
]


def seed(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SearchCounter = apps.get_model("search", "SearchCounter")
    SearchTerm.objects.bulk_create([SearchTerm(word=word) for word in dict.fromkeys(WORDS)], ignore_conflicts=True)
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=terms, note=note) for terms, note in SYNONYMS])
    SearchCounter.objects.get_or_create(name="dictionary", defaults={"value": 1})
    SearchCounter.objects.get_or_create(name="entry_seq", defaults={"value": 0})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
