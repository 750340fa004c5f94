"""The provider officer's screens: pending requests and the decision on each."""
