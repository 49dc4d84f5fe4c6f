package io.firelake.transform.enrich;

import io.firelake.events.EventContract;
import io.firelake.events.contract.Enrichment;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.transform.time.Timestamps;
import io.firelake.transform.validate.ValidEvent;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a valid raw event into an enriched row, driven by the contract's enrichments ({@link Enrichment}): each
 * enriched field is a raw field copied through (renamed, or with a default), a lookup, or a value computed here from
 * the event time, a URL, a referrer, a user agent, an IP or the record's metadata. The binding is resolved once at
 * construction ({@link EnrichmentPlan}), so an enriched field with no source fails at start-up, not per record.
 */
public final class Enricher {

    /**
     * What these compute is always ASCII that JSON writes as it is: dates, hours, day names, the referrer and device
     * classes' names, an anonymized IP's digits, dots, hex and colons ({@link EnrichedEvent#plainText()}).
     */
    private static final Set<EnrichmentPlan.Op> ALWAYS_PLAIN = EnumSet.of(EnrichmentPlan.Op.DATE,
            EnrichmentPlan.Op.HOUR, EnrichmentPlan.Op.MONTH, EnrichmentPlan.Op.DAY_OF_WEEK,
            EnrichmentPlan.Op.REFERRER_CLASS, EnrichmentPlan.Op.DEVICE_CLASS, EnrichmentPlan.Op.IP_ANONYMIZED);

    private final EventSchema enriched;
    private final EnrichmentPlan plan;
    /** Fields whose computed value is always plain ASCII ({@link #ALWAYS_PLAIN}), one bit each. */
    private final long computedPlain;
    /** The raw page URL field's bit (0 when it is a sub-field), and the URL host and path fields' bits. */
    private final long urlPlainBit;
    private final long urlPartsPlain;
    private final int[] rawSource;
    private final String[] subField;
    private final EnrichmentPlan.Op[] ops;
    private final Object[] constants;
    private final UserAgentClassifier userAgents;
    private final int[] partitionFields;
    /** The referrer's site is the URL field parsed for the record anyway. */
    private final boolean siteIsUrl;

    public Enricher(EventContract contract, UserAgentClassifier userAgents) {
        this(contract.raw(), contract.enriched(), contract.enrichments(), userAgents);
    }

    public Enricher(EventSchema raw, EventSchema enriched, Map<String, Enrichment> enrichments,
                    UserAgentClassifier userAgents) {
        this.enriched = enriched;
        this.userAgents = userAgents;
        List<String> unbound = new ArrayList<>();
        for (FieldSpec field : enriched.fields()) {
            if (!enrichments.containsKey(field.name())) {
                unbound.add(field.name());
            }
        }
        if (!unbound.isEmpty()) {
            throw new IllegalArgumentException("enriched fields with no source (no enrichment in the contract): "
                    + unbound);
        }
        this.plan = new EnrichmentPlan(raw, enriched, enrichments);
        this.rawSource = plan.rawSource();
        this.subField = plan.subField();
        this.ops = plan.ops();
        this.constants = plan.constants();
        this.partitionFields = EnrichedEvent.partitionFields(enriched);
        this.siteIsUrl = plan.site().equals(plan.url());
        long computed = 0;
        long urlParts = 0;
        for (int i = 0; i < ops.length && i < 63; i++) {
            computed |= ALWAYS_PLAIN.contains(ops[i]) ? 1L << i : 0;
            urlParts |= ops[i] == EnrichmentPlan.Op.URL_HOST || ops[i] == EnrichmentPlan.Op.URL_PATH ? 1L << i : 0;
        }
        this.computedPlain = computed;
        EnrichmentPlan.Source page = plan.url();
        this.urlPlainBit = page.subField() == null && page.field() >= 0 && page.field() < 63 ? 1L << page.field() : 0;
        this.urlPartsPlain = urlParts;
    }

    public EventSchema schema() {
        return enriched;
    }

    public UserAgentClassifier userAgents() {
        return userAgents;
    }

    public EnrichedEvent enrich(ValidEvent event, SourceMetadata source, long processedMillis) {
        UrlParts url = UrlParts.parseCached(text(event, plan.url()));
        UserAgentInfo agent = null;
        long eventTs = event.eventTimeMillis();
        Object[] values = new Object[rawSource.length];
        long rawPlain = event.plainText();
        // A page URL of plain characters has a plain host (lower-cased) and path (a substring of it).
        long plain = computedPlain | ((rawPlain & urlPlainBit) != 0 ? urlPartsPlain : 0);
        for (int i = 0; i < values.length; i++) {
            EnrichmentPlan.Op op = ops[i];
            if (op == EnrichmentPlan.Op.COPY) {
                if (subField[i] == null) {
                    values[i] = event.value(rawSource[i]);
                    plain |= i < 63 && rawSource[i] < 63 && (rawPlain & (1L << rawSource[i])) != 0 ? 1L << i : 0;
                } else {
                    values[i] = sub(event, i);
                }
                continue;
            }
            if ((op == EnrichmentPlan.Op.DEVICE_CLASS || op == EnrichmentPlan.Op.BROWSER || op == EnrichmentPlan.Op.OS
                    || op == EnrichmentPlan.Op.IS_BOT) && agent == null) {
                agent = userAgents.classify(text(event, plan.userAgent()));
            }
            values[i] = switch (op) {
                case COPY -> event.value(rawSource[i]);
                case DEFAULT -> {
                    Object value = subField[i] == null ? event.value(rawSource[i]) : sub(event, i);
                    yield value != null ? value : constants[i];
                }
                case LOOKUP -> {
                    String key = text(event, i);
                    EnrichmentPlan.Table table = (EnrichmentPlan.Table) constants[i];
                    yield key == null ? null : table.entries().getOrDefault(key, table.fallback());
                }
                case EVENT_TS -> eventTs;
                case DATE -> Timestamps.formatDate(eventTs);
                case HOUR -> Timestamps.formatHour(eventTs);
                case MONTH -> Timestamps.formatDate(eventTs).substring(0, 7);
                case DAY_OF_WEEK -> EnrichmentPlan.dayOfWeek(eventTs);
                case URL_HOST -> url.host();
                case URL_PATH -> url.path();
                case UTM_SOURCE -> url.utmSource();
                case UTM_MEDIUM -> url.utmMedium();
                case UTM_CAMPAIGN -> url.utmCampaign();
                case REFERRER_CLASS -> ReferrerClassifier.classify(text(event, i), siteHost(event, url)).value();
                case DEVICE_CLASS -> agent.deviceClass();
                case BROWSER -> agent.browser();
                case OS -> agent.os();
                case IS_BOT -> agent.bot();
                case IP_ANONYMIZED -> IpAnonymizer.anonymize(text(event, i));
                case RECEIVED_TS -> source.receivedMillis() != null && source.receivedMillis() > 0
                        && Timestamps.formattable(source.receivedMillis()) ? source.receivedMillis() : null;
                case PROCESSED_TS -> processedMillis;
                case KINESIS_SHARD_ID -> source.shardId();
                case KINESIS_SEQUENCE_NUMBER -> source.sequenceNumber();
                case KINESIS_SUBSEQUENCE_NUMBER -> source.subsequenceNumber();
            };
        }
        return new EnrichedEvent(enriched, values, partitionFields, plain);
    }

    /** A record field's sub-field ({@code from: location.building}): null when the record or the sub-field is. */
    private Object sub(ValidEvent event, int i) {
        return sub(event, rawSource[i], subField[i]);
    }

    private static Object sub(ValidEvent event, int field, String subField) {
        Object record = event.value(field);
        return record == null ? null : ((Map<?, ?>) record).get(subField);
    }

    /** The host a referrer must share to count as internal: the parsed URL's when the site is the URL field. */
    private String siteHost(ValidEvent event, UrlParts url) {
        EnrichmentPlan.Source site = plan.site();
        if (site.field() < 0) {
            return null;
        }
        return siteIsUrl ? url.host() : UrlParts.parse(text(event, site)).host();
    }

    /** The text enriched field {@code i} reads: its raw field's, or its record field's sub-field's. */
    private String text(ValidEvent event, int i) {
        return text(event, rawSource[i], subField[i]);
    }

    /** The text a URL, user agent or site source holds. */
    private static String text(ValidEvent event, EnrichmentPlan.Source source) {
        return text(event, source.field(), source.subField());
    }

    /** A raw field's text, or its sub-field's ({@code subField} not null); null when absent, or no field (-1). */
    private static String text(ValidEvent event, int field, String subField) {
        if (field < 0) {
            return null;
        }
        Object value = subField == null ? event.value(field) : sub(event, field, subField);
        return value == null ? null : value.toString();
    }
}
