"""The commands of `site-builder`: the build (load -> validate -> model -> render -> engines ->
post-build -> swap), validate, serve, new, schema, generate; the reports they print.

Imports every folder.
"""
