"""site_builder: YAML records of emulation and commendation work -> a static Vietnamese site.

One way, a folder per stage, each importing only the folders listed before it:

- `problems.py`, `urls.py`, `vietnamese.py`: the core every folder may use (errors, the URL
  table, Vietnamese text).
- `utils/`: the means of a build: the cache, worker processes, the staging folder, the writer.
- `inputs/`: read the data: the record types, the guard before YAML, loading, sanitising.
- `model/`: the site model and the rules it applies (consultation, versions, statistics, images).
- `validation/`: rules across records and against what git says was published.
- `publish/`: the means of what is published: rendering, feeds, open data, charts, JSON-LD.
- `kinds/`: one module per record kind: its pages, feeds, files and open data.
- `site/`: the whole site gathered from the kinds, and the pages at former addresses.
- `engines/`: the tools that build and index the site: MkDocs, Zensical, Pagefind.
- `commands/`: the build and the other commands of `site-builder`.
- `synthetic/`: synthetic data for benchmarks; only the commands reach it.

`tests/test_architecture.py` holds the order and checks it.
"""
