"""The batch layer: reports.toml read into a plan, the pure job, warm kernels, the local and Dask executors,
the build with its cache, atomic outputs and the index. It knows no theme's content: it imports the
report layer only for parameter contracts and the exporter."""
