"""Load benchmarks: wrk scenarios against gunicorn serving a scratch hall (`make bench`)."""
