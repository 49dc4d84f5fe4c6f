package io.firelake.local.firehose;

import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.ParquetObjectWriter;
import org.apache.avro.generic.GenericRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The Parquet object of one dynamic partition of the lake, staged on local disk until it is written to S3. Rows are
 * encoded on the Parquet lane, a thread of its own, so that reading the stream and routing the next invocation do not
 * wait for Parquet (a fifth of the delivery stream's CPU); the lane runs one object's writes in the order they were
 * routed.
 */
final class LakeBuffer extends ObjectBuffer {

    private final String prefix;
    private final ParquetObjectWriter writer;
    private final ExecutorService parquetLane;
    private List<GenericRecord> staged = new ArrayList<>();
    private Future<?> lastWrite;
    /** The first write that failed on the lane, thrown on the delivery thread when the object is finished. */
    private volatile RuntimeException writeFailure;
    private long bytes;

    /**
     * @param prefix the partition's prefix, its partition keys rendered and its timestamps not
     * @param file   where the object is staged
     */
    LakeBuffer(String prefix, LakeSchema schema, Path file, Instant created, ExecutorService parquetLane) {
        super(created, "application/vnd.apache.parquet");
        this.prefix = prefix;
        this.writer = new ParquetObjectWriter(schema, file);
        this.parquetLane = parquetLane;
    }

    /** Adds a row; {@code size} is the transformed record's size, which the size hint counts. */
    void stage(GenericRecord row, SourceRecord record, int size) {
        staged.add(row);
        track(record);
        bytes += size;
    }

    /** Gives the rows staged so far to the Parquet lane. */
    void handOver() {
        if (staged.isEmpty()) {
            return;
        }
        List<GenericRecord> rows = staged;
        staged = new ArrayList<>();
        lastWrite = parquetLane.submit(() -> {
            if (writeFailure != null) {
                return; // the file is broken: the object is not delivered and its records stay unacknowledged
            }
            try {
                for (GenericRecord row : rows) {
                    writer.write(row);
                }
            } catch (RuntimeException e) {
                writeFailure = e;
            }
        });
    }

    String prefix() {
        return prefix;
    }

    @Override
    long bytes() {
        return bytes;
    }

    @Override
    String objectKey(Router router) {
        return router.lakeObjectKey(prefix, oldestArrival());
    }

    /** Waits for every row to be encoded and closes the file (the footer is written here). */
    @Override
    Path finish() {
        handOver();
        if (lastWrite != null) {
            Tasks.await(lastWrite, "a Parquet write");
        }
        if (writeFailure != null) {
            throw writeFailure;
        }
        writer.close();
        return writer.file();
    }

    /** Closes the file, to be deleted with the staging directory; call once the lane has stopped. */
    @Override
    void discard() {
        writer.close();
    }
}
