"""The validate stage: rules across records (references, dates, awards, windows, personal data),
and, against git history, that what was published stays as it was shown and at its address.

Imports the core, `utils/`, `inputs/` and `model/`.
"""
