-- Which rooms (the labels map's 'room' key) sent readings each day, from how many devices, at what temperature?
-- A key is read under a test of map_keys: Athena fails labels['room'] when the key is absent, and DuckDB's element_at
-- answers a list; this form means the same on both.
SELECT event_date,
       CASE WHEN contains(map_keys(labels), 'room') THEN labels['room'] ELSE '(no room label)' END AS room,
       count(*) AS readings,
       count(DISTINCT device_id) AS devices,
       round(avg(temperature_c), 1) AS avg_c
FROM raw_events
WHERE event_date BETWEEN :from AND :to
GROUP BY 1, 2
ORDER BY 1, 2
