CREATE EXTERNAL TABLE IF NOT EXISTS `firelake`.`traffic_hourly` (
  `event_hour` string,
  `url_path` string,
  `page_views` bigint,
  `sessions` bigint,
  `users` bigint
)
PARTITIONED BY (`event_date` string)
STORED AS PARQUET
LOCATION ':lake/views/traffic_hourly/'
TBLPROPERTIES (
  'parquet.compression'='SNAPPY',
  'projection.enabled'='true',
  'projection.event_date.format'='yyyy-MM-dd',
  'projection.event_date.interval'='1',
  'projection.event_date.interval.unit'='DAYS',
  'projection.event_date.range'='2020-01-01,NOW',
  'projection.event_date.type'='date',
  'storage.location.template'=':lake/views/traffic_hourly/event_date=${event_date}/'
)
