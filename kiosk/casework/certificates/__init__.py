"""The certificate on guardianship and trusteeship (Appendix 1): issued with a signed code,
printed in Kazakh and Russian, annulled or reissued by the supervisor."""
