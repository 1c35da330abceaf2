"""Everything that reads or fetches answers: API JSON, the seed page, tables, the snapshot, the
fetcher (client, run, store, departments) and the reader-labelled data.
"""
