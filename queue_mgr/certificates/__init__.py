"""The certificate's rules: its statuses and its signed code."""
