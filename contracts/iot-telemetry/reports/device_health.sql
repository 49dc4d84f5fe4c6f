-- How many devices of each type were heard from each day (batch view device_daily), with how many readings each, and how many ended the day on a low or critical battery?
SELECT event_date,
       device_type,
       count(*) AS devices,
       sum(readings) AS readings,
       round(avg(readings), 1) AS readings_per_device,
       count(*) FILTER (WHERE battery_status IN ('low', 'critical')) AS low_battery_devices,
       round(min(min_temperature_c), 1) AS min_c,
       round(max(max_temperature_c), 1) AS max_c
FROM device_daily
WHERE event_date BETWEEN :from AND :to
GROUP BY event_date, device_type
ORDER BY event_date, device_type
