-- How many events, page views, sessions and signed-in users did each hour of each day get (bots excluded)?
SELECT event_date,
       lpad(CAST(hour(event_ts) AS varchar), 2, '0') AS event_hour,
       count(*) AS events,
       count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
       count(DISTINCT session_id) AS sessions,
       count(DISTINCT user_id) AS users
FROM curated_events
WHERE event_date BETWEEN :from AND :to
  AND NOT is_bot
GROUP BY 1, 2
ORDER BY 1, 2
