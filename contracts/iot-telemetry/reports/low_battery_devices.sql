-- Which devices last reported a low or critical battery, and on which firmware?
WITH latest AS (
  SELECT device_id, device_type, site_id, firmware, firmware_channel, battery_pct, battery_status, reading_ts,
         row_number() OVER (PARTITION BY device_id ORDER BY reading_ts DESC) AS rn
  FROM raw_events
  WHERE event_date BETWEEN :from AND :to
)
SELECT device_id, device_type, site_id, firmware, firmware_channel, battery_pct, battery_status, reading_ts AS last_reading
FROM latest
WHERE rn = 1 AND battery_status IN ('low', 'critical')
ORDER BY battery_pct, device_id
