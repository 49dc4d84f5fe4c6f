package io.firelake.producer.replay;

import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.events.schema.FieldSpec;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.firelake.producer.model.ProducerRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Records from JSON lines, sent as they are: each line's bytes (without its line ending) become one record, whether
 * or not they parse, so a captured stream of good and bad records can be replayed faithfully. Blank lines are
 * skipped. The partition key is the line's field with the contract's role {@code partition_key} (clickstream:
 * {@code session_id}) when it has a string one, else a hash of the line; its event id is the {@code event_id} role's.
 */
public final class JsonLinesSource implements Iterator<ProducerRecord>, AutoCloseable {

    private final InputStream in;
    private final JsonFactory factory = new JsonFactory();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private ProducerRecord next;
    private boolean ended;
    private long lines;
    private final String keyField;
    private final String idField;

    /** Lines of the process's contract ({@code --contract}, default clickstream). */
    public JsonLinesSource(InputStream in) {
        this(in, Contracts.selected());
    }

    public JsonLinesSource(InputStream in, EventContract contract) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.idField = contract.eventIdField().name();
        this.keyField = contract.partitionKeyField().map(FieldSpec::name).orElse(idField);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = read();
        }
        return next != null;
    }

    @Override
    public ProducerRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ProducerRecord record = next;
        next = null;
        return record;
    }

    public long linesRead() {
        return lines;
    }

    private ProducerRecord read() {
        try {
            while (true) {
                line.reset();
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    line.write(b);
                }
                if (b == -1 && line.size() == 0) {
                    ended = true;
                    return null;
                }
                lines++;
                byte[] bytes = line.toByteArray();
                int length = bytes.length;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
                if (isBlank(bytes, length)) {
                    continue;
                }
                byte[] data = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
                String[] keys = keys(data);
                String partitionKey = keys[0] != null && !keys[0].isEmpty() && keys[0].length() <= 256
                        ? keys[0] : "line-" + sha256(data).substring(0, 16);
                return new ProducerRecord(data, partitionKey, ProducerRecord.REPLAY, keys[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON lines input", e);
        }
    }

    /** The partition key and event id of a top-level object, each null when absent or unreadable. */
    private String[] keys(byte[] data) {
        String[] keys = new String[2];
        try (JsonParser parser = factory.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return keys;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && keyField.equals(name)) {
                    keys[0] = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && idField.equals(name)) {
                    keys[1] = parser.getText();
                } else {
                    parser.skipChildren();
                }
                if (keys[0] != null && keys[1] != null) {
                    break;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // Not JSON (or not UTF-8): it is still sent, as it is; it simply has no keys to read.
        }
        return keys;
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "JsonLinesSource[" + lines + " lines, " + StandardCharsets.UTF_8 + "]";
    }
}
