package io.firelake.transform.enrich;

import io.firelake.events.contract.Enrichment;
import io.firelake.events.contract.Enrichment.Copy;
import io.firelake.events.contract.Enrichment.DatePart;
import io.firelake.events.contract.Enrichment.Default;
import io.firelake.events.contract.Enrichment.EventTime;
import io.firelake.events.contract.Enrichment.IpAnonymize;
import io.firelake.events.contract.Enrichment.Lookup;
import io.firelake.events.contract.Enrichment.RecordMetadata;
import io.firelake.events.contract.Enrichment.ReferrerClass;
import io.firelake.events.contract.Enrichment.Url;
import io.firelake.events.contract.Enrichment.UserAgent;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contract's enrichments compiled for {@link Enricher}'s per-record loop: per enriched field an {@link Op}, the raw
 * field it reads and a constant (a default value, a lookup table), plus the one URL and one user-agent field that are
 * parsed once per record whatever the number of parts taken from them.
 */
final class EnrichmentPlan {

    /** What the enricher does for one enriched field. */
    enum Op {
        COPY, DEFAULT, LOOKUP, EVENT_TS, DATE, HOUR, MONTH, DAY_OF_WEEK, URL_HOST, URL_PATH, UTM_SOURCE, UTM_MEDIUM,
        UTM_CAMPAIGN, REFERRER_CLASS, DEVICE_CLASS, BROWSER, OS, IS_BOT, IP_ANONYMIZED, RECEIVED_TS, PROCESSED_TS,
        KINESIS_SHARD_ID, KINESIS_SEQUENCE_NUMBER, KINESIS_SUBSEQUENCE_NUMBER
    }

    /** A lookup table with the value for keys it lacks. */
    record Table(Map<String, String> entries, String fallback) {
    }

    private static final String[] DAYS = java.util.Arrays.stream(DayOfWeek.values())
            .map(d -> d.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    /**
     * Where a raw value is read: the raw field's position, and the sub-field inside that record field ({@code from:
     * location.building}), null for the whole field. {@link #NONE} reads nothing.
     */
    record Source(int field, String subField) {
        static final Source NONE = new Source(-1, null);
    }

    private final int[] rawSource;
    /** The sub-field read inside a record raw field ({@code from: location.building}), null for a whole field. */
    private final String[] subField;
    private final Op[] ops;
    private final Object[] constants;
    private Source url = Source.NONE;
    private Source userAgent = Source.NONE;
    private Source site = Source.NONE;

    EnrichmentPlan(EventSchema raw, EventSchema enriched, Map<String, Enrichment> enrichments) {
        List<FieldSpec> fields = enriched.fields();
        this.rawSource = new int[fields.size()];
        this.subField = new String[fields.size()];
        this.ops = new Op[fields.size()];
        this.constants = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Enrichment e = enrichments.get(fields.get(i).name());
            Source from = source(raw, e.from());
            rawSource[i] = from.field();
            subField[i] = from.subField();
            if (e instanceof Copy copy && raw.fieldAt(copy.from()).orElseThrow().pii()) {
                throw new IllegalArgumentException("enriched field " + fields.get(i).name()
                        + " would copy the personal raw field " + copy.from());
            }
            ops[i] = op(e, raw, i);
        }
    }

    private Op op(Enrichment e, EventSchema raw, int i) {
        if (e instanceof Copy) {
            return Op.COPY;
        }
        if (e instanceof Default d) {
            constants[i] = d.value();
            return Op.DEFAULT;
        }
        if (e instanceof Lookup l) {
            constants[i] = new Table(l.entries(), l.fallback());
            return Op.LOOKUP;
        }
        if (e instanceof EventTime) {
            return Op.EVENT_TS;
        }
        if (e instanceof DatePart d) {
            return switch (d.part()) {
                case DATE -> Op.DATE;
                case HOUR -> Op.HOUR;
                case MONTH -> Op.MONTH;
                case DAY_OF_WEEK -> Op.DAY_OF_WEEK;
            };
        }
        if (e instanceof Url u) {
            url = source(raw, u.from());
            return switch (u.part()) {
                case HOST -> Op.URL_HOST;
                case PATH -> Op.URL_PATH;
                case UTM_SOURCE -> Op.UTM_SOURCE;
                case UTM_MEDIUM -> Op.UTM_MEDIUM;
                case UTM_CAMPAIGN -> Op.UTM_CAMPAIGN;
            };
        }
        if (e instanceof ReferrerClass r) {
            site = source(raw, r.site());
            return Op.REFERRER_CLASS;
        }
        if (e instanceof UserAgent a) {
            userAgent = source(raw, a.from());
            return switch (a.part()) {
                case DEVICE_CLASS -> Op.DEVICE_CLASS;
                case BROWSER -> Op.BROWSER;
                case OS -> Op.OS;
                case IS_BOT -> Op.IS_BOT;
            };
        }
        if (e instanceof IpAnonymize) {
            return Op.IP_ANONYMIZED;
        }
        RecordMetadata m = (RecordMetadata) e;
        return switch (m.part()) {
            case RECEIVED_TS -> Op.RECEIVED_TS;
            case PROCESSED_TS -> Op.PROCESSED_TS;
            case SHARD_ID -> Op.KINESIS_SHARD_ID;
            case SEQUENCE_NUMBER -> Op.KINESIS_SEQUENCE_NUMBER;
            case SUBSEQUENCE_NUMBER -> Op.KINESIS_SUBSEQUENCE_NUMBER;
        };
    }

    /** A {@code from} of the contract, a raw field or a record's sub-field by dotted path, as positions. */
    private static Source source(EventSchema raw, String from) {
        if (from.isEmpty()) {
            return Source.NONE;
        }
        int dot = from.indexOf('.');
        return dot < 0 ? new Source(index(raw, from), null)
                : new Source(index(raw, from.substring(0, dot)), from.substring(dot + 1));
    }

    private static int index(EventSchema raw, String name) {
        int index = raw.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("an enrichment reads '" + name + "', which is not a field of "
                    + raw.fullName());
        }
        return index;
    }

    static String dayOfWeek(long epochMillis) {
        return DAYS[(int) Math.floorMod(Math.floorDiv(epochMillis, 86_400_000L) + 3, 7)];
    }

    int[] rawSource() {
        return rawSource;
    }

    String[] subField() {
        return subField;
    }

    Op[] ops() {
        return ops;
    }

    Object[] constants() {
        return constants;
    }

    /** The raw field whose URL is parsed once per record, or {@link Source#NONE}. */
    Source url() {
        return url;
    }

    Source userAgent() {
        return userAgent;
    }

    /** The raw URL field whose host makes a referrer internal, or {@link Source#NONE}. */
    Source site() {
        return site;
    }
}
