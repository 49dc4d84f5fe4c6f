-- Per hour and page: page views, distinct sessions and users; bots are left out.
-- columns: event_hour string, url_path string, page_views bigint, sessions bigint, users bigint, event_date string
SELECT date_format(event_ts, 'HH') AS event_hour,
       url_path,
       count(CASE WHEN event_type = 'page_view' THEN true END) AS page_views,
       count(DISTINCT session_id) AS sessions,
       count(DISTINCT user_id) AS users,
       event_date
FROM curated
WHERE is_bot IS NULL OR NOT is_bot
GROUP BY event_date, date_format(event_ts, 'HH'), url_path
