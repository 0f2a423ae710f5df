"""Everyday words for getting hurt at work and recovering at home, the union's rest trips and its summer care,
written as families.

Found through a ninth evaluation set (see bench/README.md). Injuries a worker names (砸伤, 干活受伤) now also
look for 工伤, as 骨折 and 烧伤 already did; recovering at home (在家养着) for 停工留薪期; going away for a few
days' rest for 疗休养; and 解暑 joins 防暑降温. Undoing the migration removes what it added; content holding
any of the words is queued for re-analysis, as when an editor changes a group in the admin.
"""

from django.db import migrations

from search.migrations._vocabulary import vocabulary_change

# Existing groups (their exact terms) that get broader words.
BROADER = [
    ("受伤职工，砸伤，摔伤，碰伤，压伤，挤伤，夹伤，扭伤，受了伤", "工伤，意外伤害"),
    ("因工受伤，工作中受伤，上班受伤，干活受伤，事故伤害", "工伤"),
]
# New groups: (terms, broader words, note).
SYNONYMS = [
    ("养伤，在家养伤，在家养着，养伤期间，伤还没好", "停工留薪期，工伤", "受伤后在家休养"),
    ("出去休息几天，出去休息，出去休养，出去疗养，外出休养，出去散散心，出去放松", "疗休养", "组织职工外出休养"),
    ("防暑降温，解暑，消暑，防暑", "", "夏天防暑"),
]


class Migration(migrations.Migration):
    dependencies = [("search", "0014_spoken_redress_and_short_names")]

    operations = [migrations.RunPython(*vocabulary_change(BROADER, SYNONYMS))]
