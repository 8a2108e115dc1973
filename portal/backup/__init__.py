"""The backup and restore drill (SECURITY.md §2g, §5.19): `manage.py backup_drill`.

postgres.py talks to the server and its client programs, media.py packs and checks the stored files, drill.py
takes a backup, restores it into a fresh database and media folder and verifies it, report.py says how it went.
"""
