from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from media.forms import VideoForm
from media.models import Video


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = "视频"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", "collection", "mime_type", "created_at"]
    list_filter = ["collection", "mime_type"]
    search_fields = ["title", "description"]
    edit_handler = ObjectList(Video.panels, base_form_class=VideoForm)
