"""Public certificate verification: the page and JSON behind the certificate's QR code."""
