package io.firelake.transform.enrich;

import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.transform.time.Timestamps;
import io.firelake.transform.validate.ValidEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a valid raw event into an enriched row, driven by the enriched schema: each enriched field is either a
 * {@link Derived} value computed here or a raw field of the same name copied through. The binding is resolved once at
 * construction, so an enriched field with no source (or a personal raw field leaking into the lake) fails at start-up,
 * not per record.
 */
public final class Enricher {

    /** Enriched fields this class computes; the field name is the constant's name in lower case. */
    public enum Derived {
        EVENT_TS, EVENT_DATE, EVENT_HOUR, URL_HOST, URL_PATH, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, REFERRER_CLASS,
        DEVICE_CLASS, BROWSER, OS, IS_BOT, IP_ANONYMIZED, RECEIVED_TS, PROCESSED_TS, KINESIS_SHARD_ID,
        KINESIS_SEQUENCE_NUMBER, KINESIS_SUBSEQUENCE_NUMBER;

        public String fieldName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Derived> forField(String name) {
            for (Derived d : values()) {
                if (d.fieldName().equals(name)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    private final EventSchema enriched;
    /** Per enriched field: the raw index to copy, or -1 when derived. */
    private final int[] rawSource;
    private final Derived[] derived;
    private final int pageUrl;
    private final int referrer;
    private final int userAgent;
    private final int ip;
    private final UserAgentClassifier userAgents;

    public Enricher(EventSchema raw, EventSchema enriched, UserAgentClassifier userAgents) {
        this.enriched = enriched;
        this.userAgents = userAgents;
        List<FieldSpec> fields = enriched.fields();
        this.rawSource = new int[fields.size()];
        this.derived = new Derived[fields.size()];
        List<String> unbound = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).name();
            Optional<Derived> computed = Derived.forField(name);
            int rawIndex = indexOf(raw, name);
            if (computed.isPresent()) {
                derived[i] = computed.get();
                rawSource[i] = -1;
            } else if (rawIndex >= 0 && !raw.fields().get(rawIndex).pii()) {
                rawSource[i] = rawIndex;
            } else {
                unbound.add(name);
            }
        }
        if (!unbound.isEmpty()) {
            throw new IllegalArgumentException("enriched fields with no source (neither derived nor a non-personal raw field): "
                    + unbound);
        }
        this.pageUrl = indexOf(raw, "page_url");
        this.referrer = indexOf(raw, "referrer");
        this.userAgent = indexOf(raw, "user_agent");
        this.ip = indexOf(raw, "ip");
    }

    private static int indexOf(EventSchema schema, String name) {
        return schema.field(name).map(f -> schema.fields().indexOf(f)).orElse(-1);
    }

    public EventSchema schema() {
        return enriched;
    }

    public UserAgentClassifier userAgents() {
        return userAgents;
    }

    public EnrichedEvent enrich(ValidEvent event, SourceMetadata source, long processedMillis) {
        UrlParts url = UrlParts.parse(text(event, pageUrl));
        String referrerText = text(event, referrer);
        UserAgentInfo agent = null;
        long eventTs = event.eventTimeMillis();
        Object[] values = new Object[rawSource.length];
        for (int i = 0; i < values.length; i++) {
            if (rawSource[i] >= 0) {
                values[i] = event.value(rawSource[i]);
                continue;
            }
            Derived d = derived[i];
            if ((d == Derived.DEVICE_CLASS || d == Derived.BROWSER || d == Derived.OS || d == Derived.IS_BOT)
                    && agent == null) {
                agent = userAgents.classify(text(event, userAgent));
            }
            values[i] = switch (d) {
                case EVENT_TS -> eventTs;
                case EVENT_DATE -> Timestamps.formatDate(eventTs);
                case EVENT_HOUR -> Timestamps.formatHour(eventTs);
                case URL_HOST -> url.host();
                case URL_PATH -> url.path();
                case UTM_SOURCE -> url.utmSource();
                case UTM_MEDIUM -> url.utmMedium();
                case UTM_CAMPAIGN -> url.utmCampaign();
                case REFERRER_CLASS -> ReferrerClassifier.classify(referrerText, url.host()).value();
                case DEVICE_CLASS -> agent.deviceClass();
                case BROWSER -> agent.browser();
                case OS -> agent.os();
                case IS_BOT -> agent.bot();
                case IP_ANONYMIZED -> IpAnonymizer.anonymize(text(event, ip));
                case RECEIVED_TS -> source.receivedMillis() != null && source.receivedMillis() > 0
                        && Timestamps.formattable(source.receivedMillis()) ? source.receivedMillis() : null;
                case PROCESSED_TS -> processedMillis;
                case KINESIS_SHARD_ID -> source.shardId();
                case KINESIS_SEQUENCE_NUMBER -> source.sequenceNumber();
                case KINESIS_SUBSEQUENCE_NUMBER -> source.subsequenceNumber();
            };
        }
        return new EnrichedEvent(enriched, values);
    }

    private static String text(ValidEvent event, int index) {
        return index < 0 ? null : event.string(index);
    }
}
