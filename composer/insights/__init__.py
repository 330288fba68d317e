"""After publishing: each platform's metrics of a post, fetched on a schedule (issue 15).

``base`` says what a fetcher is; ``facebook``, ``instagram``, ``x``, ``youtube`` and
``wordpress`` are the fetchers (each platform's entry in ``composer.platforms`` names its
own); ``service`` decides what is due, keeps within each platform's daily budget and
records the snapshots in the workspace.
"""
