CREATE EXTERNAL TABLE IF NOT EXISTS `firelake`.`revenue_daily` (
  `product_id` string,
  `currency` string,
  `orders` bigint,
  `units` bigint,
  `revenue` decimal(18,2)
)
PARTITIONED BY (`event_date` string)
STORED AS PARQUET
LOCATION ':lake/views/revenue_daily/'
TBLPROPERTIES (
  'parquet.compression'='SNAPPY',
  'projection.enabled'='true',
  'projection.event_date.format'='yyyy-MM-dd',
  'projection.event_date.interval'='1',
  'projection.event_date.interval.unit'='DAYS',
  'projection.event_date.range'='2020-01-01,NOW',
  'projection.event_date.type'='date',
  'storage.location.template'=':lake/views/revenue_daily/event_date=${event_date}/'
)
