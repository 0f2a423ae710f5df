"""Everyday words workers use in spoken questions, for things the union's documents name otherwise.

Found through a seventh evaluation set's questions (see bench/README.md), and written as families rather
than as those questions' words: every school year for 高中, 初中 and 大学; the ways of saying one has just
started at the mine or the plant; joining the union; a second child; money being tight; wages held back
(a labour dispute, which the group of 欠薪 words now also points to); a labour contractor's crew.
Groups share a word with an existing group where they are its synonyms (入会, 新入职, 二胎, 欠薪), so a query
with either finds the members of both. Undoing the migration removes what it added. Words it adds segment
documents differently, so content that holds any of them is queued for re-analysis in the search outbox,
as when an editor changes a group in the admin.
"""

from django.db import migrations

from search.migrations._vocabulary import vocabulary_change

# Existing groups (their terms exactly as the earlier migrations wrote them) → broader words.
BROADER = [
    ("拖欠工资，欠薪，讨薪，工资拖欠，不发工资", "劳动争议，劳动纠纷"),
]

# New groups: (terms, broader words, note).
SYNONYMS = [
    ("入会，入工会，进工会，参加工会，加入工会", "", "加入工会"),
    ("新入职，刚进矿，新进矿，刚进厂，新进厂，刚参加工作", "", "刚来上班的职工"),
    ("二胎，老二，生老二，二宝", "生育，生孩子", "第二个孩子"),
    ("高一，高二，高三", "高中，普通高中", "高中的年级"),
    ("初一，初二，初三", "初中，义务教育", "初中的年级"),
    ("大一，大二，大三，大四", "大学，高等院校", "大学的年级"),
    ("紧巴巴，手头紧，手头紧张，拮据", "生活困难，经济困难", "家里钱紧"),
    ("交学费，缴学费，凑学费", "学费，助学", "上学的花费"),
    ("欠薪，拖欠工钱，欠工钱，拖工钱，不给工钱，工钱不给，讨工钱", "劳动争议，劳动纠纷", "要不到工钱"),
    ("包工头，包工队", "外包，劳务派遣", "外包队伍"),
]


class Migration(migrations.Migration):
    dependencies = [("search", "0012_broader_for_family_illness_school")]

    operations = [migrations.RunPython(*vocabulary_change(BROADER, SYNONYMS))]
