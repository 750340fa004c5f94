"""The line: tickets, windows, the board, bookings, the supervisor's hall and the reports."""
