CREATE EXTERNAL TABLE IF NOT EXISTS `firelake`.`sessions` (
  `session_id` string,
  `user_id` string,
  `session_start` timestamp,
  `session_end` timestamp,
  `duration_seconds` bigint,
  `events` bigint,
  `page_views` bigint,
  `is_bounce` boolean,
  `entry_page` string,
  `referrer_class` string,
  `utm_source` string,
  `utm_campaign` string,
  `device_class` string,
  `has_add_to_cart` boolean,
  `has_checkout` boolean,
  `has_purchase` boolean
)
PARTITIONED BY (`event_date` string)
STORED AS PARQUET
LOCATION ':lake/views/sessions/'
TBLPROPERTIES (
  'parquet.compression'='SNAPPY',
  'projection.enabled'='true',
  'projection.event_date.format'='yyyy-MM-dd',
  'projection.event_date.interval'='1',
  'projection.event_date.interval.unit'='DAYS',
  'projection.event_date.range'='2020-01-01,NOW',
  'projection.event_date.type'='date',
  'storage.location.template'=':lake/views/sessions/event_date=${event_date}/'
)
