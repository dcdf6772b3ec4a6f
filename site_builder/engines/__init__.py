"""The tools that turn our pages into a site and index it, one adapter module each: MkDocs (the
only module importing mkdocs), Zensical and Pagefind; and the sitemap both generators' builds end with.

Imports the core, `utils/`, `inputs/` and `publish/` (the pages); nothing of the kinds or the site.
"""
