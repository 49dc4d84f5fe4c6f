-- Per day and campaign: sessions reaching each step (page_view, add_to_cart, checkout, purchase) and every step before.
-- columns: utm_campaign string, sessions bigint, page_view_sessions bigint, add_to_cart_sessions bigint,
-- columns: checkout_sessions bigint, purchase_sessions bigint, event_date string
WITH steps AS (
    SELECT event_date,
           coalesce(utm_campaign, '(none)') AS utm_campaign,
           page_views > 0 AS viewed,
           page_views > 0 AND has_add_to_cart AS carted,
           page_views > 0 AND has_add_to_cart AND has_checkout AS checked_out,
           page_views > 0 AND has_add_to_cart AND has_checkout AND has_purchase AS purchased
    FROM sessions
)
SELECT utm_campaign,
       count(1) AS sessions,
       count(CASE WHEN viewed THEN true END) AS page_view_sessions,
       count(CASE WHEN carted THEN true END) AS add_to_cart_sessions,
       count(CASE WHEN checked_out THEN true END) AS checkout_sessions,
       count(CASE WHEN purchased THEN true END) AS purchase_sessions,
       event_date
FROM steps
GROUP BY event_date, utm_campaign
