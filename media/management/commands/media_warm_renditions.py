from django.core.management.base import BaseCommand

from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import SourceImageIOError

from media.models import UnionImage
from media.renditions import WARM_SPECS


class Command(BaseCommand):
    help = "预先生成页面和接口常用的图片尺寸（已存在的跳过）。"

    def handle(self, *args, **options):
        made = 0
        for image in UnionImage.objects.prefetch_renditions(*WARM_SPECS).iterator(chunk_size=100):
            existing = {rendition.filter_spec for rendition in image.renditions.all()}
            missing = [spec for spec in WARM_SPECS if spec not in existing]
            if not missing:
                continue
            try:
                image.get_renditions(*missing)
            except (SourceImageIOError, InvalidFilterSpecError) as error:
                self.stderr.write(f"图片 {image.pk}（{image.title}）无法生成缩略图：{error}")
                continue
            made += len(missing)
        self.stdout.write(f"已生成 {made} 个图片尺寸。")
