"""The means of what is published: the Jinja renderer and pages, feed topics and feed formats,
the open data's schemas, SVG charts, JSON-LD and the statistics section.

Imports the core, `utils/`, `inputs/`, `model/` and `validation/`.
"""
