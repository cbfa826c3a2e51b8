from django.urls import path

from casework.worklist import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path(
        "notifications/<uuid:public_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<uuid:public_id>/complete/", views.task_complete, name="task_complete"),
    path("tasks/new/<slug:kind>/<uuid:public_id>/", views.task_new, name="task_new"),
]
