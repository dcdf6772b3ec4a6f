"""Reading the data: the record types, what a file must be before YAML sees it, YAML to typed
records with source positions, personal-data keys and editors' Markdown made safe.

Imports the core and `utils/`.
"""
