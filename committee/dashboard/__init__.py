"""The committee's read-only dashboard: service-quality scores, complaints and repair deadlines, anonymised."""
