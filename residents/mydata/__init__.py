"""A resident's rights over their data (PIPL Art. 45 and 47): download it all, and ask for the account's erasure.

`registry.py` names every personal field and how it is exported and erased; `exports.py` holds the registry of
export contributors (higher apps register theirs in AppConfig.ready()); `services.py` requests, carries out and
refuses erasure.
"""
