"""The service's rules: the application, its documents and terms, the IIN, the provider's
deadlines."""
