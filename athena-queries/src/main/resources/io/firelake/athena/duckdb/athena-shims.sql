-- Athena (Trino) functions DuckDB lacks, so a report exists once in Athena's dialect. One statement per line.
CREATE MACRO approx_percentile(x, p) AS quantile_disc(x, p);
CREATE MACRO approx_distinct(x) AS count(DISTINCT x);
CREATE MACRO date_format(ts, fmt) AS strftime(ts, fmt);
CREATE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ);
CREATE MACRO to_unixtime(ts) AS epoch(ts);
CREATE MACRO sequence(start, stop) AS generate_series(start, stop);
