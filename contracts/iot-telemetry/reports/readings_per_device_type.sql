-- How many readings did each device type send per hour, from how many devices?
SELECT event_date, event_hour, device_type, count(*) AS readings, count(DISTINCT device_id) AS devices
FROM raw_events
WHERE event_date BETWEEN :from AND :to
GROUP BY event_date, event_hour, device_type
ORDER BY event_date, event_hour, device_type
