CREATE EXTERNAL TABLE IF NOT EXISTS `firelake`.`delivery_errors` (
  `attemptsmade` int,
  `arrivaltimestamp` bigint,
  `errorcode` string,
  `errormessage` string,
  `attemptendingtimestamp` bigint,
  `rawdata` string,
  `lambdaarn` string
)
PARTITIONED BY (`error_output_type` string, `error_day` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES (
  'mapping.attemptendingtimestamp'='attemptEndingTimestamp',
  'mapping.attemptsmade'='attemptsMade',
  'mapping.arrivaltimestamp'='arrivalTimestamp',
  'mapping.errorcode'='errorCode',
  'mapping.errormessage'='errorMessage',
  'mapping.lambdaarn'='lambdaArn',
  'mapping.rawdata'='rawData'
)
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION ':lake/errors/'
TBLPROPERTIES (
  'projection.enabled'='true',
  'projection.error_day.format'='yyyy/MM/dd',
  'projection.error_day.interval'='1',
  'projection.error_day.interval.unit'='DAYS',
  'projection.error_day.range'='2020/01/01,NOW',
  'projection.error_day.type'='date',
  'projection.error_output_type.type'='enum',
  'projection.error_output_type.values'='processing-failed,format-conversion-failed,partitioning-failed',
  'storage.location.template'=':lake/errors/${error_output_type}/${error_day}/'
)
