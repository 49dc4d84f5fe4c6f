package io.firelake.transform.core;

import io.firelake.transform.validate.Failure;

import java.util.Map;

/**
 * The answer for one record, in Firehose's three outcomes.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-status-model.html">Firehose transformation status model</a>
 */
public sealed interface TransformResult {

    String recordId();

    /** The bytes Firehose receives for this record (base64-encoded on the wire). */
    byte[] data();

    /** Firehose's {@code result} value. */
    String result();

    /** Delivered: the enriched JSON line and the dynamic-partitioning keys. */
    record Ok(String recordId, byte[] data, Map<String, String> partitionKeys) implements TransformResult {
        @Override
        public String result() {
            return "Ok";
        }
    }

    /** Dropped on purpose (health-check pings); the original data is echoed because Firehose requires a data field. */
    record Dropped(String recordId, byte[] data) implements TransformResult {
        @Override
        public String result() {
            return "Dropped";
        }
    }

    /** Not delivered: {@code data} is the original record, unchanged, which Firehose writes to the error prefix. */
    record ProcessingFailed(String recordId, byte[] data, Failure failure) implements TransformResult {
        @Override
        public String result() {
            return "ProcessingFailed";
        }
    }
}
