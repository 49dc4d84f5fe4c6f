package io.firelake.local.firehose;

import io.firelake.lake.format.ConversionResult;

/**
 * One record as the processor stage hands it on: what the processor returned for it and, for an Ok record, its
 * conversion to a row of the table (null for Dropped and ProcessingFailed records).
 */
record ProcessedRecord(ProcessorProtocol.RecordResult transformed, ConversionResult conversion) {

    SourceRecord source() {
        return transformed.source();
    }

    /** The transformed payload's size, which the processing and conversion metrics count. */
    int size() {
        return transformed.data().length;
    }
}
