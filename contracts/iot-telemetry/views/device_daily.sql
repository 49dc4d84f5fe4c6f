-- One row per device and day: readings, first and last reading, temperature range, battery and firmware at day's end.
-- columns: device_id string, device_type string, site_id string, room string, building string, readings bigint,
-- columns: first_reading timestamp, last_reading timestamp, min_temperature_c double, max_temperature_c double,
-- columns: battery_pct int, battery_status string, firmware string, event_date string
--
-- "At day's end" is the device's last reading of the day (ties broken by reading_id, so re-runs agree). The room is
-- the 'room' key of its labels map (null without one); the building is its location struct's building sub-field (null
-- without a location or a building in it).
WITH days AS (
    SELECT event_date,
           device_id,
           count(1) AS readings,
           min(reading_ts) AS first_reading,
           max(reading_ts) AS last_reading,
           min(temperature_c) AS min_temperature_c,
           max(temperature_c) AS max_temperature_c,
           max(struct(reading_ts, reading_id, device_type, site_id, labels['room'] AS room,
                      location.building AS building, battery_pct, battery_status, firmware)) AS last
    FROM curated
    GROUP BY event_date, device_id
)
SELECT device_id,
       last.device_type AS device_type,
       last.site_id AS site_id,
       last.room AS room,
       last.building AS building,
       readings,
       first_reading,
       last_reading,
       min_temperature_c,
       max_temperature_c,
       last.battery_pct AS battery_pct,
       last.battery_status AS battery_status,
       last.firmware AS firmware,
       event_date
FROM days
