"""The application filled in at the kiosk, and the request's status page behind the
receipt's QR."""
