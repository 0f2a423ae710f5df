"""Broader words for groups that already existed, and a few everyday phrasings with nothing to join.

``search/0011`` could only create new groups. Words such as 闺女, 爸爸, 癌症, 着火 and 大专 were already in
groups of their own (with their plain synonyms), so this migration fills in those groups' broader words:
the general word the union's documents use for them (子女, 父母, 重大疾病, 临时救助, 高等院校). It also adds
groups for a few everyday ways of naming a programme (好点子 → 合理化建议, 解暑 → 防暑降温, 奶娃 → 哺乳期,
找个活 → 就业帮扶), which point at those programmes one way only.
Measured and left out: 老公 → 配偶 and 媳妇 → 家属 (a husband's injury then found spouses' benefits first),
and 给钱/给多少钱 → 补助/慰问金 (it made "how much" a word every result must hold).
A group whose broader words an editor has already set is left alone, and undoing the migration clears only
the broader words it wrote. Words it adds segment documents differently, so content that holds any of them is
queued for re-analysis in the search outbox, as when an editor changes a group in the admin.
"""

from django.db import migrations

from search.migrations._vocabulary import vocabulary_change

# Existing groups (their terms exactly as the earlier migrations wrote them) → broader words.
BROADER = [
    ("女儿，闺女", "子女"),
    ("父亲，爸爸，老爸，老爹", "父母，直系亲属"),
    ("母亲，妈妈，老妈", "父母，直系亲属"),
    ("恶性肿瘤，癌症，肿瘤", "重大疾病，大病"),
    ("尿毒症，肾衰竭，肾衰，透析，血透", "重大疾病，大病"),
    ("火灾，着火，失火，起火", "意外，临时救助"),
    ("房屋倒塌，房子塌了，房子倒了，房屋垮塌", "因灾，临时救助"),
    ("专科，大专，高职，专科生，高职高专", "高等院校，高校"),
    ("本科，本科生，一本，二本", "高等院校，高校"),
    ("研究生，硕士研究生，硕士，读研，考研", "高等院校，高校"),
    ("高温作业，露天作业，绿豆汤，藿香正气水，中暑，热晕，热得受不了，天太热", "防暑降温"),
]

# New groups: (terms, broader words, note).
SYNONYMS = [
    ("好点子，好主意，出点子", "合理化建议", "职工的想法和建议"),
    ("解暑，消暑，伏天，大热天", "防暑降温", "夏天天热"),
    ("奶娃", "哺乳期", "女职工哺乳"),
    ("找个活，找活干，找份活", "就业帮扶，找工作", "家属找工作"),
]


class Migration(migrations.Migration):
    dependencies = [("search", "0011_broader_words")]

    operations = [migrations.RunPython(*vocabulary_change(BROADER, SYNONYMS))]
