-- How much revenue, how many orders and units did each product bring per day and currency?
SELECT event_date,
       product_id,
       currency,
       sum(orders) AS orders,
       sum(units) AS units,
       sum(revenue) AS revenue
FROM revenue_daily
WHERE event_date BETWEEN :from AND :to
GROUP BY 1, 2, 3
ORDER BY 1, revenue DESC, 2, 3
