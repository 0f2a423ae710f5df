from django.urls import path

from search.views import search_click, search_page

urlpatterns = [
    path("", search_page, name="search_page"),
    path("click/<int:search_id>/", search_click, name="search_click"),
]
