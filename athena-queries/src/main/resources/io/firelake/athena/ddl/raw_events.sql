CREATE EXTERNAL TABLE IF NOT EXISTS `firelake`.`raw_events` (
  `schema_version` int,
  `event_id` string,
  `event_type` string,
  `event_ts` timestamp,
  `session_id` string,
  `user_id` string,
  `page_url` string,
  `url_host` string,
  `url_path` string,
  `utm_source` string,
  `utm_medium` string,
  `utm_campaign` string,
  `referrer` string,
  `referrer_class` string,
  `user_agent` string,
  `device_class` string,
  `browser` string,
  `os` string,
  `is_bot` boolean,
  `ip_anonymized` string,
  `product_id` string,
  `price` decimal(12,2),
  `currency` string,
  `quantity` int,
  `search_query` string,
  `received_ts` timestamp,
  `processed_ts` timestamp,
  `kinesis_shard_id` string,
  `kinesis_sequence_number` string,
  `kinesis_subsequence_number` bigint
)
PARTITIONED BY (`event_date` string, `event_hour` string)
STORED AS PARQUET
LOCATION ':lake/raw/'
TBLPROPERTIES (
  'parquet.compression'='SNAPPY',
  'projection.enabled'='true',
  'projection.event_date.format'='yyyy-MM-dd',
  'projection.event_date.interval'='1',
  'projection.event_date.interval.unit'='DAYS',
  'projection.event_date.range'='2020-01-01,NOW',
  'projection.event_date.type'='date',
  'projection.event_hour.digits'='2',
  'projection.event_hour.range'='0,23',
  'projection.event_hour.type'='integer',
  'storage.location.template'=':lake/raw/event_date=${event_date}/event_hour=${event_hour}/'
)
