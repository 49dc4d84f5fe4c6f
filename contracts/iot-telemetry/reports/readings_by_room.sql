-- Which rooms (the labels map's 'room' key) sent readings each day, from how many devices, at what temperature?
SELECT event_date,
       coalesce(element_at(labels, 'room'), '(no room label)') AS room,
       count(*) AS readings,
       count(DISTINCT device_id) AS devices,
       round(avg(temperature_c), 1) AS avg_c
FROM raw_events
WHERE event_date BETWEEN :from AND :to
GROUP BY 1, 2
ORDER BY 1, 2
