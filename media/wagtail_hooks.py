from wagtail.snippets.models import register_snippet

from media.viewsets import VideoViewSet

register_snippet(VideoViewSet)
