"""Running Chronicle at scale: where articles are processed (in this process or on a Dask cluster), partitioned
Parquet output, and the progress bar. The loop that ties them together is `chronicle.runner`."""
