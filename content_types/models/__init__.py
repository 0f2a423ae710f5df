from .case_stories import AchievementType, AwardLevel, CaseStoryGalleryImage, CaseStoryPage
from .courses import CourseAudience, CourseMaterial, CoursePage, LessonPage
from .home import HomePage
from .news import NewsPage, NoticeAttachment, NoticePage
from .organisations import OrganisationLevel, OrganisationPage
from .policies import PolicyAttachment, PolicyPage, PolicyValidity
from .snippets import FAQ, Category, CategoryKind, Tag

__all__ = [
    "FAQ",
    "AchievementType",
    "AwardLevel",
    "CaseStoryGalleryImage",
    "CaseStoryPage",
    "Category",
    "CategoryKind",
    "CourseAudience",
    "CourseMaterial",
    "CoursePage",
    "HomePage",
    "LessonPage",
    "NewsPage",
    "NoticeAttachment",
    "NoticePage",
    "OrganisationLevel",
    "OrganisationPage",
    "PolicyAttachment",
    "PolicyPage",
    "PolicyValidity",
    "Tag",
]
