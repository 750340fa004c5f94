"""The line's rules: ticket numbers and states, the calling order, the two clocks, estimates,
bookings, the staffing advice and the hall's figures."""
