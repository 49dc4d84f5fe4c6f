-- Which devices and browsers produce the traffic, and how much of it comes from bots?
SELECT device_class,
       coalesce(browser, '(unknown)') AS browser,
       count(DISTINCT session_id) AS sessions,
       count(*) AS events,
       round(CAST(count(*) AS double) / sum(count(*)) OVER (), 4) AS share_of_events
FROM curated_events
WHERE event_date BETWEEN :from AND :to
GROUP BY 1, 2
ORDER BY events DESC, 1, 2
