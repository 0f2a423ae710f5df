from rest_framework.routers import SimpleRouter

from media.api.views import DocumentViewSet, ImageViewSet, VideoViewSet

router = SimpleRouter()
router.register("images", ImageViewSet, basename="image")
router.register("documents", DocumentViewSet, basename="document")
router.register("videos", VideoViewSet, basename="video")

urlpatterns = router.urls
