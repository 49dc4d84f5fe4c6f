-- How many records did the pipeline reject, by error output type and error code, per day they reached Firehose?
SELECT error_day,
       error_output_type,
       errorcode AS error_code,
       count(*) AS records,
       min(errormessage) AS example_message
FROM delivery_errors
WHERE error_day BETWEEN replace(:from, '-', '/') AND replace(:to, '-', '/')
GROUP BY 1, 2, 3
ORDER BY 1, records DESC, 2, 3
