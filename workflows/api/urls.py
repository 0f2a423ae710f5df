from django.urls import path

from workflows.api import views

urlpatterns = [
    path("request-types/", views.RequestTypeListView.as_view(), name="request-type-list"),
    path("requests/", views.RequestListCreateView.as_view(), name="request-list"),
    path("requests/export/", views.RequestExportView.as_view(), name="request-export"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request-detail"),
    path("requests/<int:pk>/withdraw/", views.RequestWithdrawView.as_view(), name="request-withdraw"),
    path("requests/<int:pk>/resubmit/", views.RequestResubmitView.as_view(), name="request-resubmit"),
    path(
        "requests/<int:pk>/attachments/<int:attachment_id>/",
        views.RequestAttachmentView.as_view(),
        name="request-attachment",
    ),
    path("tasks/", views.TaskListView.as_view(), name="task-list"),
    path("tasks/counts/", views.TaskCountsView.as_view(), name="task-counts"),
    path("tasks/<int:pk>/decide/", views.TaskDecideView.as_view(), name="task-decide"),
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path("notifications/read-all/", views.NotificationReadAllView.as_view(), name="notification-read-all"),
    path("notifications/<int:pk>/read/", views.NotificationReadView.as_view(), name="notification-read"),
]
