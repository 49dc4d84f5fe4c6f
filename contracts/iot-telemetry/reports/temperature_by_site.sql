-- What were the lowest, average and highest temperatures per site and region each day?
SELECT event_date, site_id, site_region, count(temperature_c) AS readings,
       round(min(temperature_c), 1) AS min_c, round(avg(temperature_c), 1) AS avg_c, round(max(temperature_c), 1) AS max_c
FROM raw_events
WHERE event_date BETWEEN :from AND :to AND temperature_c IS NOT NULL
GROUP BY event_date, site_id, site_region
ORDER BY event_date, site_id
