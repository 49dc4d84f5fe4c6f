-- Per day, product and currency: purchases, units (quantity, 1 when absent) and revenue (unit price times units).
-- columns: product_id string, currency string, orders bigint, units bigint, revenue decimal(18,2), event_date string
SELECT product_id,
       currency,
       count(1) AS orders,
       sum(CAST(coalesce(quantity, 1) AS BIGINT)) AS units,
       CAST(sum(price * CAST(coalesce(quantity, 1) AS BIGINT)) AS DECIMAL(18,2)) AS revenue,
       event_date
FROM curated
WHERE (is_bot IS NULL OR NOT is_bot) AND event_type = 'purchase' AND product_id IS NOT NULL
GROUP BY event_date, product_id, currency
