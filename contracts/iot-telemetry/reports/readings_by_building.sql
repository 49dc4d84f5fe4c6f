-- Which buildings (the location struct's building) sent readings each day, from how many devices, at what temperature?
-- location.building reads a struct's sub-field in Athena and DuckDB alike; a reading without a location (or without
-- a building in it) counts under '(unknown)'.
SELECT event_date,
       coalesce(location.building, '(unknown)') AS building,
       count(*) AS readings,
       count(DISTINCT device_id) AS devices,
       round(avg(temperature_c), 1) AS avg_c
FROM raw_events
WHERE event_date BETWEEN :from AND :to
GROUP BY 1, 2
ORDER BY 1, 2
