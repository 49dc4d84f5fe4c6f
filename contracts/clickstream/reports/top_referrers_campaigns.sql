-- Where do visits come from (referrer class, UTM source and campaign), and which sources lead to purchases?
SELECT referrer_class,
       coalesce(utm_source, '(none)') AS utm_source,
       coalesce(utm_campaign, '(none)') AS utm_campaign,
       count(*) AS sessions,
       count(*) FILTER (WHERE has_purchase) AS purchasing_sessions,
       round(CAST(count(*) FILTER (WHERE has_purchase) AS double) / count(*), 4) AS conversion_rate,
       round(CAST(count(*) FILTER (WHERE is_bounce) AS double) / count(*), 4) AS bounce_rate
FROM sessions
WHERE event_date BETWEEN :from AND :to
GROUP BY 1, 2, 3
ORDER BY sessions DESC, 1, 2, 3
LIMIT 50
