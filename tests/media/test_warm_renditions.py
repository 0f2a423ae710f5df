from django.core.management import call_command

import pytest

from content_types.factories import NewsPageFactory
from media.factories import ImageFactory
from media.models import UnionRendition
from media.renditions import WARM_SPECS


@pytest.mark.django_db
def test_warming_makes_every_common_size_once(capsys):
    image = ImageFactory()

    call_command("media_warm_renditions")
    call_command("media_warm_renditions")

    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(WARM_SPECS)
    assert "已生成 0 个图片尺寸" in capsys.readouterr().out.splitlines()[-1]


def test_after_warming_the_home_page_makes_no_new_card_images(client, home):
    NewsPageFactory(title="安全知识竞赛", featured=True, cover_image=ImageFactory())
    call_command("media_warm_renditions")
    before = UnionRendition.objects.count()

    assert client.get("/").status_code == 200

    assert UnionRendition.objects.count() == before
