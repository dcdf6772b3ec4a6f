"""The site model: every fact the site shows, computed once at the build clock, and the rules it
applies: a consultation's window and states, a list's versions and what the public was shown of
it, comment links, the statistics, the images as served.

Imports the core, `utils/` and `inputs/`.
"""
