"""The whole site: the site model turned into every page, feed and file by asking each record
kind, and the pages at the former addresses of renamed or withdrawn records; what makes a build
a change's preview (preview.py).

Imports every folder below `engines/`.
"""
