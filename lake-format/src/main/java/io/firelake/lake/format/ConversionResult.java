package io.firelake.lake.format;

import org.apache.avro.generic.GenericRecord;

/** One JSON record after format conversion: a row for the Parquet file, or the reason it cannot be one. */
public sealed interface ConversionResult {

    record Converted(GenericRecord row) implements ConversionResult {
    }

    /** The record does not fit the table schema; Firehose sends it to {@code format-conversion-failed}. */
    record Failed(String errorCode, String message) implements ConversionResult {
    }
}
