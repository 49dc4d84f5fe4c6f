CREATE EXTERNAL TABLE IF NOT EXISTS `firelake`.`funnel_daily` (
  `utm_campaign` string,
  `sessions` bigint,
  `page_view_sessions` bigint,
  `add_to_cart_sessions` bigint,
  `checkout_sessions` bigint,
  `purchase_sessions` bigint
)
PARTITIONED BY (`event_date` string)
STORED AS PARQUET
LOCATION ':lake/views/funnel_daily/'
TBLPROPERTIES (
  'parquet.compression'='SNAPPY',
  'projection.enabled'='true',
  'projection.event_date.format'='yyyy-MM-dd',
  'projection.event_date.interval'='1',
  'projection.event_date.interval.unit'='DAYS',
  'projection.event_date.range'='2020-01-01,NOW',
  'projection.event_date.type'='date',
  'storage.location.template'=':lake/views/funnel_daily/event_date=${event_date}/'
)
