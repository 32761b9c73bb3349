"""Company portal pages: directory, recommendations, requests, agenda."""

from django.urls import path

from matchmaking.portal.views import agenda, booking, dashboard, directory, requests

app_name = "portal"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("conference/", dashboard.switch_conference, name="switch_conference"),
    path("directory/", directory.directory, name="directory"),
    path("shortlist/<int:enterprise_id>/", directory.toggle_shortlist, name="shortlist"),
    path("recommended/", directory.recommendations, name="recommendations"),
    path("requests/", requests.request_list, name="requests"),
    path("requests/new/<int:enterprise_id>/", requests.send_request, name="send_request"),
    path("requests/<int:request_id>/accept/", requests.accept_request, name="accept_request"),
    path("requests/<int:request_id>/decline/", requests.decline_request, name="decline_request"),
    path("requests/<int:request_id>/withdraw/", requests.withdraw_request,
         name="withdraw_request"),
    path("requests/<int:request_id>/book/", booking.book, name="book"),
    path("meetings/<int:meeting_id>/move/", booking.move, name="move"),
    path("meetings/<int:meeting_id>/cancel/", booking.cancel, name="cancel"),
    path("meetings/<int:meeting_id>/link/", booking.online_link, name="online_link"),
    path("meetings/<int:meeting_id>/outcome/", booking.outcome, name="outcome"),
    path("availability/", booking.availability, name="availability"),
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda/agenda.ics", agenda.agenda_ics, name="agenda_ics"),
    path("agenda/agenda.pdf", agenda.agenda_pdf, name="agenda_pdf"),
    path("agenda/feed/<str:token>.ics", agenda.agenda_feed, name="agenda_feed"),
    path("agenda/feed-address/<str:action>/", agenda.agenda_feed_token, name="agenda_feed_token"),
    path("check-in/<str:token>/", agenda.check_in, name="check_in"),
]
