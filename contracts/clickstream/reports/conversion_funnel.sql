-- How many sessions go from page view to add to cart, checkout and purchase, overall and per UTM campaign?
SELECT CASE WHEN grouping(utm_campaign) = 1 THEN '(all campaigns)' ELSE utm_campaign END AS utm_campaign,
       sum(sessions) AS sessions,
       sum(page_view_sessions) AS page_view,
       sum(add_to_cart_sessions) AS add_to_cart,
       sum(checkout_sessions) AS checkout,
       sum(purchase_sessions) AS purchase,
       round(CAST(sum(add_to_cart_sessions) AS double) / nullif(sum(page_view_sessions), 0), 4) AS view_to_cart_rate,
       round(CAST(sum(checkout_sessions) AS double) / nullif(sum(add_to_cart_sessions), 0), 4) AS cart_to_checkout_rate,
       round(CAST(sum(purchase_sessions) AS double) / nullif(sum(checkout_sessions), 0), 4) AS checkout_to_purchase_rate,
       round(CAST(sum(purchase_sessions) AS double) / nullif(sum(page_view_sessions), 0), 4) AS view_to_purchase_rate
FROM funnel_daily
WHERE event_date BETWEEN :from AND :to
GROUP BY ROLLUP (utm_campaign)
ORDER BY grouping(utm_campaign) DESC, sessions DESC, 1
