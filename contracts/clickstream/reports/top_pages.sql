-- Which pages were viewed most, how many visits started on them, and how often did those visits bounce?
WITH page_totals AS (
    SELECT url_path, sum(page_views) AS page_views
    FROM traffic_hourly
    WHERE event_date BETWEEN :from AND :to
    GROUP BY url_path
), entrances AS (
    SELECT entry_page AS url_path,
           count(*) AS entrances,
           count(*) FILTER (WHERE is_bounce) AS bounces
    FROM sessions
    WHERE event_date BETWEEN :from AND :to
    GROUP BY entry_page
)
SELECT p.url_path,
       p.page_views,
       coalesce(e.entrances, 0) AS entrances,
       round(CAST(e.bounces AS double) / nullif(e.entrances, 0), 4) AS bounce_rate
FROM page_totals p
LEFT JOIN entrances e ON e.url_path = p.url_path
ORDER BY p.page_views DESC, p.url_path
LIMIT 20
