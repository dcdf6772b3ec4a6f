"""The means any stage of a build uses: the build cache, work on two cores, the staging folder
beside the output and its lock, and the one writer of the built site.

Imports only the core (`problems`, `urls`, `vietnamese`).
"""
