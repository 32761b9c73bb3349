"""On-site pages for staff: check-in desk, meeting grid, live board."""

from django.urls import path

from matchmaking.onsite.views import attendance, board, desk, grid

app_name = "onsite"
urlpatterns = [
    path("<int:edition>/check-in/", desk.desk, name="desk"),
    path("code/<str:token>/", desk.open_code, name="code"),
    path("meetings/<int:meeting_id>/attendance/", attendance.mark, name="mark_attendance"),
    path("<int:edition>/grid/", grid.day_grid, name="grid"),
    path("<int:edition>/board/", board.board, name="board"),
    path("<int:edition>/grid/cell/", grid.cell, name="cell"),
    path("<int:edition>/grid/book/", grid.book, name="grid_book"),
    path("<int:edition>/grid/walk-in/", grid.walk_in, name="grid_walk_in"),
    path("<int:edition>/grid/move/", grid.move, name="grid_move"),
    path("<int:edition>/grid/swap/", grid.swap, name="grid_swap"),
    path("<int:edition>/grid/cancel/", grid.cancel, name="grid_cancel"),
    path("<int:edition>/grid/attendance/", grid.attendance, name="grid_attendance"),
]
