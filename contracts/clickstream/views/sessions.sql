-- One row per visit, dated by its first event: duration, pages, bounce, entry page, source, campaign, funnel steps.
-- columns: session_id string, user_id string, session_start timestamp, session_end timestamp, duration_seconds bigint,
-- columns: events bigint, page_views bigint, is_bounce boolean, entry_page string, referrer_class string,
-- columns: utm_source string, utm_campaign string, device_class string, has_add_to_cart boolean, has_checkout boolean,
-- columns: has_purchase boolean, event_date string
--
-- A visit is a session_id's events without a gap over 30 minutes of inactivity (the usual web analytics rule), so
-- that a late event or a tab reopened the next day does not make a session of days: the first visit keeps the
-- session_id, later ones get #2, #3... The job reads one curated day on each side of the range so that a session
-- crossing midnight is whole; it belongs to the day it started. Values "of the first event" break ties on event_id,
-- so re-runs agree. Bounce: exactly one event, a page view.
WITH humans AS (
    SELECT * FROM curated WHERE is_bot IS NULL OR NOT is_bot
), gaps AS (
    SELECT *, CAST(event_ts AS BIGINT)
                  - lag(CAST(event_ts AS BIGINT)) OVER (PARTITION BY session_id ORDER BY event_ts, event_id) AS gap
    FROM humans
), numbered AS (
    SELECT *, sum(CASE WHEN gap IS NULL OR gap > 1800 THEN 1 ELSE 0 END)
                  OVER (PARTITION BY session_id ORDER BY event_ts, event_id
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS visit
    FROM gaps
), visits AS (
    SELECT *, CASE WHEN visit = 1 THEN session_id ELSE concat(session_id, '#', CAST(visit AS STRING)) END AS visit_id
    FROM numbered
), summary AS (
    SELECT visit_id,
           min(CASE WHEN user_id IS NOT NULL THEN struct(event_ts, event_id, user_id) END).user_id AS user_id,
           min(event_ts) AS session_start,
           max(event_ts) AS session_end,
           count(1) AS events,
           count(CASE WHEN event_type = 'page_view' THEN true END) AS page_views,
           min(struct(event_ts, event_id, url_path, referrer_class, device_class)) AS first_event,
           min(CASE WHEN utm_source IS NOT NULL THEN struct(event_ts, event_id, utm_source) END).utm_source AS utm_source,
           min(CASE WHEN utm_campaign IS NOT NULL THEN struct(event_ts, event_id, utm_campaign) END).utm_campaign
               AS utm_campaign,
           max(event_type = 'add_to_cart') AS has_add_to_cart,
           max(event_type = 'checkout') AS has_checkout,
           max(event_type = 'purchase') AS has_purchase
    FROM visits
    GROUP BY visit_id
)
SELECT visit_id AS session_id,
       user_id,
       session_start,
       session_end,
       CAST(session_end AS BIGINT) - CAST(session_start AS BIGINT) AS duration_seconds,
       events,
       page_views,
       events = 1 AND page_views = 1 AS is_bounce,
       first_event.url_path AS entry_page,
       first_event.referrer_class AS referrer_class,
       utm_source,
       utm_campaign,
       first_event.device_class AS device_class,
       has_add_to_cart,
       has_checkout,
       has_purchase,
       date_format(session_start, 'yyyy-MM-dd') AS event_date
FROM summary
