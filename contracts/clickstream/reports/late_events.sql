-- How many events arrived late: more than 5 minutes (one Firehose buffer) after they happened, or after their day ended?
SELECT event_date,
       count(*) AS events,
       count(*) FILTER (WHERE date_diff('second', event_ts, coalesce(received_ts, processed_ts)) > 300) AS late_over_5_minutes,
       count(*) FILTER (WHERE CAST(coalesce(received_ts, processed_ts) AS date) > CAST(event_ts AS date)) AS arrived_after_day_end,
       max(date_diff('second', event_ts, coalesce(received_ts, processed_ts))) AS max_delay_seconds
FROM curated_events
WHERE event_date BETWEEN :from AND :to
GROUP BY 1
ORDER BY 1
