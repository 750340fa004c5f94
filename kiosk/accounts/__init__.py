"""Staff accounts: who they are, their roles, sign-in and sign-out after inactivity."""
