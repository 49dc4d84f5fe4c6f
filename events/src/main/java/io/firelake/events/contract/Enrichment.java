package io.firelake.events.contract;

import io.firelake.events.schema.FieldType.Kind;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the transform fills one enriched field: the kinds a contract may declare in {@code contract.yaml}'s
 * {@code enrichments} (see docs/contracts.md). An enriched field that declares none is copied from the raw field of
 * the same name.
 */
public sealed interface Enrichment {

    /** The storage kinds the enriched field may have for this enrichment's value. */
    Set<Kind> produces();

    /** The raw field it reads, or empty when it reads the event time or the record's metadata. */
    default String from() {
        return "";
    }

    /** A raw field's value as it is (the implicit enrichment of a field with the same name, or {@code rename}). */
    record Copy(String from) implements Enrichment {
        @Override
        public Set<Kind> produces() {
            return Set.of(Kind.values());
        }
    }

    /** A raw field's value, or {@code value} (converted to the enriched field's type) when it is absent or null. */
    record Default(String from, Object value) implements Enrichment {
        @Override
        public Set<Kind> produces() {
            return Set.of(Kind.values());
        }
    }

    /** The value a small table in the folder gives to a raw field's value ({@code fallback} for others, or null). */
    record Lookup(String from, String table, Map<String, String> entries, String fallback) implements Enrichment {
        public Lookup {
            entries = Map.copyOf(entries);
        }

        @Override
        public Set<Kind> produces() {
            return Set.of(Kind.STRING);
        }
    }

    /** The event time (the raw field with role {@code event_time}) as a UTC timestamp. */
    record EventTime() implements Enrichment {
        @Override
        public Set<Kind> produces() {
            return Set.of(Kind.TIMESTAMP_MILLIS);
        }
    }

    /** A part of the event time in UTC, as text: the lake's partition keys are usually two of them. */
    record DatePart(Part part) implements Enrichment {
        public enum Part { DATE, HOUR, MONTH, DAY_OF_WEEK }

        @Override
        public Set<Kind> produces() {
            return Set.of(Kind.STRING);
        }
    }

    /** A part of the URL in a raw field: host, path, or one of the UTM parameters. */
    record Url(String from, Part part) implements Enrichment {
        public enum Part { HOST, PATH, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN }

        @Override
        public Set<Kind> produces() {
            return Set.of(Kind.STRING);
        }
    }

    /** The class of a referrer URL (direct, search, social, internal, other); {@code site} is the URL field whose host counts as internal, or empty. */
    record ReferrerClass(String from, String site) implements Enrichment {
        @Override
        public Set<Kind> produces() {
            return Set.of(Kind.STRING);
        }
    }

    /** What a user-agent string says: device class, browser, OS, or whether it is a bot. */
    record UserAgent(String from, Part part) implements Enrichment {
        public enum Part { DEVICE_CLASS, BROWSER, OS, IS_BOT }

        @Override
        public Set<Kind> produces() {
            return part == Part.IS_BOT ? Set.of(Kind.BOOLEAN) : Set.of(Kind.STRING);
        }
    }

    /** An IP address anonymised (IPv4's last octet zeroed, IPv6 cut to /48): the personal raw field never reaches the lake. */
    record IpAnonymize(String from) implements Enrichment {
        @Override
        public Set<Kind> produces() {
            return Set.of(Kind.STRING);
        }
    }

    /** What the pipeline knows of the record: arrival and processing times, Kinesis shard and sequence numbers. */
    record RecordMetadata(Part part) implements Enrichment {
        public enum Part { RECEIVED_TS, PROCESSED_TS, SHARD_ID, SEQUENCE_NUMBER, SUBSEQUENCE_NUMBER }

        @Override
        public Set<Kind> produces() {
            return switch (part) {
                case RECEIVED_TS, PROCESSED_TS -> Set.of(Kind.TIMESTAMP_MILLIS);
                case SHARD_ID, SEQUENCE_NUMBER -> Set.of(Kind.STRING);
                case SUBSEQUENCE_NUMBER -> Set.of(Kind.LONG);
            };
        }
    }

    /** The YAML spelling of an enum constant: {@code utm_source}. */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
