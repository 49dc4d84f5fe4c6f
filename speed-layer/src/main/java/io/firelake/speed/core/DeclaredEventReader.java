package io.firelake.speed.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.firelake.speed.core.spec.FieldSpec;

import java.io.CharConversionException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static io.firelake.speed.core.Rejections.rejected;
import static io.firelake.speed.core.Rejections.wrongType;

/**
 * Reads one event (one JSON object per user record) with a streaming parser, driven by the fields a contract's
 * speed-layer.yaml declares: only those are read, at their JSON paths (nested objects are descended, anything else
 * skipped), and checked as declared (JSON type, required, enum values, pattern, decimal precision), the checks the
 * transform makes of the same fields, so both layers count the same events. Never throws for bad input: it answers
 * {@link ParseOutcome.Rejected} with the transform's reason code. Thread-safe.
 *
 * <p>This class walks the JSON; {@link SlotReader} reads a declared field's value and {@link EventChecks} makes the
 * checks that need the whole event.
 */
public final class DeclaredEventReader implements EventParser {

    /**
     * Firehose's record limit (1,000 KiB before base64). Kinesis takes records up to 1 MiB, but the batch layer rejects
     * anything over this as RECORD_TOO_LARGE, and the two layers must count the same events.
     */
    public static final int MAX_RECORD_BYTES = 1000 * 1024;
    /** The key of Firehose's health-check ping, {@code {"health_check":true}}: not an event, not an error. */
    static final String HEALTH_CHECK = "health_check";

    /** Repeated keys are refused by {@link SeenKeys}, not by the parser's duplicate detection: the same check, cheaper. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final AggregatePlan plan;
    private final int fieldCount;
    private final int width;
    /** JSON keys to field slots or to the keys inside a nested object. */
    private final KeyTable root;
    private final SlotReader values;
    private final EventChecks checks;

    public DeclaredEventReader(AggregatePlan plan) {
        this.plan = plan;
        FieldSpec[] fields = plan.fields();
        Map<String, Object> tree = new HashMap<>();
        for (int slot = 0; slot < fields.length; slot++) {
            Map<String, Object> node = tree;
            for (int i = 0; i < fields[slot].path().size() - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(
                        fields[slot].path().get(i).intern(), k -> new HashMap<String, Object>());
                node = child;
            }
            // Interned like the parser's field names (JsonFactory.Feature.INTERN_FIELD_NAMES): lookups hit by identity.
            node.put(fields[slot].path().get(fields[slot].path().size() - 1).intern(), slot);
        }
        this.root = new KeyTable(tree);
        this.fieldCount = fields.length;
        this.width = fields.length + plan.products().length;
        this.values = new SlotReader(plan);
        this.checks = new EventChecks(plan);
    }

    public AggregatePlan plan() {
        return plan;
    }

    @Override
    public ParseOutcome parse(byte[] data) {
        if (data.length > MAX_RECORD_BYTES) {
            return new ParseOutcome.Rejected(BadRecordReason.RECORD_TOO_LARGE, data.length + " bytes");
        }
        try (JsonParser parser = JSON.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object");
            }
            Reading reading = new Reading(fieldCount, width);
            ParseOutcome bad = readObject(parser, root, reading, true);
            if (bad != null) {
                return bad;
            }
            if (parser.nextToken() != null) {
                return rejected(BadRecordReason.MALFORMED_JSON, "trailing content after the JSON object");
            }
            if (reading.healthCheck && reading.topLevelFields == 1) {
                return new ParseOutcome.Ignored();
            }
            return checks.validate(reading);
        } catch (CharConversionException e) {
            return rejected(BadRecordReason.INVALID_UTF8, "not UTF-8");
        } catch (StreamConstraintsException e) {
            return rejected(BadRecordReason.RECORD_TOO_LARGE, "JSON beyond parser limits");
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("UTF-8") || message.contains("UTF8")) {
                return rejected(BadRecordReason.INVALID_UTF8, "not UTF-8");
            }
            return rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object");
        }
    }

    /** Reads the object's keys up to its END_OBJECT; a wrong type stops at once. */
    private ParseOutcome readObject(JsonParser parser, KeyTable node, Reading reading, boolean top)
            throws IOException {
        SeenKeys seen = new SeenKeys();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (!seen.add(name)) {
                return rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object"); // as Jackson's duplicate check
            }
            JsonToken value = parser.nextToken();
            if (top) {
                reading.topLevelFields++;
            }
            int target = node.find(name);
            if (target >= 0) {
                ParseOutcome bad = values.read(parser, value, target, reading);
                if (bad != null) {
                    return bad;
                }
            } else if (target != KeyTable.ABSENT) {
                if (value == JsonToken.START_OBJECT) {
                    ParseOutcome bad = readObject(parser, node.child(target), reading, false);
                    if (bad != null) {
                        return bad;
                    }
                } else if (value != JsonToken.VALUE_NULL) {
                    return wrongType(name + " (an object)");
                }
            } else {
                if (top && value == JsonToken.VALUE_TRUE && name.equals(HEALTH_CHECK)) {
                    reading.healthCheck = true;
                }
                if (!SeenKeys.skip(parser, value)) { // undeclared fields: the contract allows evolution
                    return rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object");
                }
            }
        }
        if (token != JsonToken.END_OBJECT) {
            return rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object");
        }
        return null;
    }
}
