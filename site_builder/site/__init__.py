"""The whole site: the site model turned into every page, feed and file by asking each record
kind, and the pages at the former addresses of renamed or withdrawn records.

Imports every folder below `engines/`.
"""
