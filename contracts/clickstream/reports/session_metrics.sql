-- How long do sessions last, how many pages do they view and how many bounce, per day?
SELECT event_date,
       count(*) AS sessions,
       round(avg(duration_seconds), 1) AS avg_duration_seconds,
       approx_percentile(duration_seconds, 0.5) AS median_duration_seconds,
       round(avg(page_views), 2) AS avg_pages_per_session,
       round(CAST(count(*) FILTER (WHERE is_bounce) AS double) / count(*), 4) AS bounce_rate
FROM sessions
WHERE event_date BETWEEN :from AND :to
GROUP BY 1
ORDER BY 1
