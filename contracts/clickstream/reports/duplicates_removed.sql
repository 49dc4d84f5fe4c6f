-- How many duplicate deliveries (the same event_id more than once in the raw lake) did compaction remove, per day?
WITH raw_days AS (
    SELECT event_date, count(*) AS raw_rows, count(DISTINCT event_id) AS distinct_events
    FROM raw_events
    WHERE event_date BETWEEN :from AND :to
    GROUP BY event_date
), curated_days AS (
    SELECT event_date, count(*) AS curated_rows
    FROM curated_events
    WHERE event_date BETWEEN :from AND :to
    GROUP BY event_date
)
SELECT r.event_date,
       r.raw_rows,
       r.distinct_events,
       r.raw_rows - r.distinct_events AS duplicates_removed,
       coalesce(c.curated_rows, 0) AS curated_rows
FROM raw_days r
LEFT JOIN curated_days c ON c.event_date = r.event_date
ORDER BY 1
