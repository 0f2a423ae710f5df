from content_types.factories import LessonPageFactory, NewsPageFactory
from content_types.models import CoursePage, OrganisationPage


def test_a_news_page_builds_its_organisation_under_the_home_page(home):
    news = NewsPageFactory()

    organisation = news.get_parent().specific
    assert isinstance(organisation, OrganisationPage)
    assert organisation.get_parent().specific == home
    assert news.organisation == organisation


def test_a_lesson_builds_its_course_and_organisation(home):
    lesson = LessonPageFactory()

    assert isinstance(lesson.course, CoursePage)
    assert lesson.course.organisation is not None
