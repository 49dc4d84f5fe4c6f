package io.firelake.local.firehose.directput;

import io.firelake.local.firehose.StreamSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The records a Direct PUT delivery stream has accepted, in an append-only file that is forced to disk before
 * {@code PutRecordBatch} answers: what Firehose acknowledges is never lost, even by a crash. The local Firehose reads it
 * as a one-shard source, with byte offsets as sequence numbers, so checkpoints, at-least-once delivery and the
 * restart rules are those of a Kinesis source; it reads only what is on disk, so it never delivers a record a crash
 * could take back.
 *
 * <p>Appends are group-committed: calls write their frames one after the other, and one force covers every frame
 * written before it, so concurrent calls share a force instead of queueing for one each (on a busy disk a force takes
 * tens of milliseconds, which otherwise capped the endpoint at one call per force).
 *
 * <p>Each frame: record length (4 bytes), arrival time in epoch milliseconds (8 bytes), the record's bytes.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/writing-with-sdk.html">Writing with the Firehose API</a>
 */
public final class DirectPutLog implements StreamSource, AutoCloseable {

    public static final String SHARD_ID = "shardId-000000000000";
    private static final int HEADER = Integer.BYTES + Long.BYTES;

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;
    /** The end of the frames written (guarded by this). */
    private long end;
    /** The end of the frames forced to disk: what readers see. Written under {@link #forceLock}. */
    private volatile long durable;
    private final Object forceLock = new Object();
    /** The furthest any reader has read: what lies beyond is accepted but not yet taken by the delivery stream. */
    private volatile long read;

    public DirectPutLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        try {
            Files.createDirectories(file.getParent());
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            this.end = validEnd();
            channel.truncate(end);
            this.durable = end;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Direct PUT log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends the records, forces them to disk and answers their sequence numbers, in order. */
    public List<String> append(List<byte[]> records) {
        long arrival = clock.millis();
        int size = records.stream().mapToInt(r -> HEADER + r.length).sum();
        ByteBuffer frames = ByteBuffer.allocate(size);
        List<String> sequenceNumbers = new ArrayList<>(records.size());
        long written;
        synchronized (this) {
            long position = end;
            for (byte[] record : records) {
                sequenceNumbers.add(sequenceNumber(position));
                frames.putInt(record.length).putLong(arrival).put(record);
                position += HEADER + record.length;
            }
            frames.flip();
            try {
                while (frames.hasRemaining()) {
                    channel.write(frames, end + frames.position());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the Direct PUT log " + file + ": " + e.getMessage(),
                        e);
            }
            end = position;
            written = position;
        }
        forceUpTo(written);
        return sequenceNumbers;
    }

    /** Returns once the log is on disk up to {@code position}: by a force of its own, or one that covered it. */
    private void forceUpTo(long position) {
        synchronized (forceLock) {
            if (durable >= position) {
                return;
            }
            long covered;
            synchronized (this) {
                covered = end;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot force the Direct PUT log " + file + " to disk: "
                        + e.getMessage(), e);
            }
            durable = covered;
        }
    }

    /** Bytes accepted so far (the end of the log). */
    public synchronized long size() {
        return end;
    }

    /** Bytes accepted but not yet read by the delivery stream: Direct PUT's backlog. */
    public synchronized long unreadBytes() {
        return end - read;
    }

    /** None: Direct PUT records come from no Kinesis stream. */
    @Override
    public String streamArn() {
        return null;
    }

    @Override
    public List<String> shardIds() {
        return List.of(SHARD_ID);
    }

    @Override
    public ShardReader open(String shardId, String afterSequenceNumber) {
        long start = afterSequenceNumber == null ? 0 : next(Long.parseLong(afterSequenceNumber));
        return new Reader(start);
    }

    private final class Reader implements ShardReader {
        private long position;

        Reader(long position) {
            this.position = position;
        }

        @Override
        public Batch next(int limit) {
            long limitEnd = durable;
            List<KinesisRecord> records = new ArrayList<>();
            try {
                while (records.size() < limit && position < limitEnd) {
                    ByteBuffer header = read(position, HEADER);
                    int length = header.getInt();
                    Instant arrival = Instant.ofEpochMilli(header.getLong());
                    byte[] data = read(position + HEADER, length).array();
                    records.add(new KinesisRecord(sequenceNumber(position), "", null, arrival, data));
                    position += HEADER + length;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Direct PUT log " + file + ": " + e.getMessage(), e);
            }
            synchronized (DirectPutLog.this) {
                read = Math.max(read, position);
            }
            long behind = records.isEmpty() || position >= limitEnd ? 0
                    : Math.max(0, clock.millis() - records.get(records.size() - 1).arrival().toEpochMilli());
            return new Batch(records, behind, false);
        }
    }

    private ByteBuffer read(long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("the log ends inside a frame at " + at);
            }
        }
        return buffer.flip();
    }

    /** The offset just after the frame at {@code position}. */
    private long next(long position) {
        try {
            return position + HEADER + read(position, Integer.BYTES).getInt();
        } catch (IOException e) {
            throw new UncheckedIOException("the checkpoint " + position + " is not a frame of " + file, e);
        }
    }

    /** The end of the last whole frame: a crash in the middle of an append leaves a torn tail, never acknowledged. */
    private long validEnd() throws IOException {
        long size = channel.size();
        long position = 0;
        while (position + HEADER <= size) {
            int length = read(position, Integer.BYTES).getInt();
            if (length < 0 || position + HEADER + length > size) {
                break;
            }
            position += HEADER + length;
        }
        return position;
    }

    /** Zero-padded, so that sequence numbers sort as Kinesis's do. */
    static String sequenceNumber(long offset) {
        String digits = Long.toString(offset);
        return "0".repeat(Math.max(0, 20 - digits.length())) + digits;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
