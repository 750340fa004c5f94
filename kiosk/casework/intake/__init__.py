"""The guardianship application at the window: intake, the receipts, and handing the result
over (rules 5-11 of the service passport)."""
