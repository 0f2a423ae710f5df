from rest_framework.routers import SimpleRouter

from content_types.api import views

router = SimpleRouter()
router.register("news", views.NewsViewSet, basename="news")
router.register("notices", views.NoticeViewSet, basename="notice")
router.register("case-stories", views.CaseStoryViewSet, basename="case-story")
router.register("policies", views.PolicyViewSet, basename="policy")
router.register("courses", views.CourseViewSet, basename="course")
router.register("lessons", views.LessonViewSet, basename="lesson")
router.register("faqs", views.FAQViewSet, basename="faq")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("categories", views.CategoryViewSet, basename="category")
router.register("tags", views.TagViewSet, basename="tag")

urlpatterns = router.urls
