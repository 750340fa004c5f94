"""The hall's time: opening hours and the working-day calendar."""
