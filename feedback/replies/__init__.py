"""Public replies from staff to a resident's rating (a survey response): one reply, written once."""
