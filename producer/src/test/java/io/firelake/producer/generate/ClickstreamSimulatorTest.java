package io.firelake.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.EventContract;
import io.firelake.producer.model.ProducerRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClickstreamSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventContract CONTRACT = EventContract.clickstream();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static List<ProducerRecord> generate(SimulationSettings settings) {
        List<ProducerRecord> out = new ArrayList<>();
        new ClickstreamSimulator(settings).forEachRemaining(out::add);
        return out;
    }

    private static SimulationSettings live(long seed, long events, FaultRates faults) {
        return new SimulationSettings(seed, 1000, events, null, null, faults, 0.05, CLOCK);
    }

    @Test
    void theSameSeedGivesTheSameRecordsByteForByte() {
        List<ProducerRecord> first = generate(live(99, 2000, FaultRates.combined(0.1)));
        List<ProducerRecord> second = generate(live(99, 2000, FaultRates.combined(0.1)));
        List<ProducerRecord> other = generate(live(100, 2000, FaultRates.combined(0.1)));
        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void validEventsPassEveryRuleOfTheContract() throws Exception {
        List<ProducerRecord> records = generate(live(1, 5000, FaultRates.none()));
        Map<String, Integer> types = new HashMap<>();
        Set<String> sessions = new HashSet<>();
        for (ProducerRecord record : records) {
            assertThat(record.kind()).isEqualTo(ProducerRecord.VALID);
            assertThat(ContractRules.violations(CONTRACT, record.data())).as(new String(record.data())).isEmpty();
            JsonNode event = JSON.readTree(record.data());
            assertThat(record.partitionKey()).isEqualTo(event.get("session_id").asText());
            assertThat(record.eventId()).isEqualTo(event.get("event_id").asText());
            types.merge(event.get("event_type").asText(), 1, Integer::sum);
            sessions.add(record.partitionKey());
            List<String> order = new ArrayList<>();
            event.fieldNames().forEachRemaining(order::add);
            List<String> contractOrder = CONTRACT.raw().fields().stream().map(f -> f.name())
                    .filter(order::contains).toList();
            assertThat(order).as("fields in the contract's order").isEqualTo(contractOrder);
        }
        assertThat(types.keySet()).containsExactlyInAnyOrderElementsOf(
                CONTRACT.raw().field("event_type").orElseThrow().types().get(0).symbols());
        assertThat(types.get("page_view")).isGreaterThan(types.get("purchase") * 5);
        assertThat(sessions.size()).isGreaterThan(200);
    }

    @Test
    void theFunnelNarrowsAndVisitorsComeFromCampaignsDevicesAndBots() throws Exception {
        List<ProducerRecord> records = generate(live(2, 20_000, FaultRates.none()));
        Map<String, Set<String>> typesBySession = new HashMap<>();
        int campaigns = 0;
        int bots = 0;
        Set<String> agents = new HashSet<>();
        for (ProducerRecord record : records) {
            JsonNode event = JSON.readTree(record.data());
            typesBySession.computeIfAbsent(record.partitionKey(), k -> new HashSet<>())
                    .add(event.get("event_type").asText());
            if (event.get("page_url").asText().contains("utm_campaign=")) {
                campaigns++;
            }
            String agent = event.path("user_agent").asText();
            agents.add(agent);
            if (agent.contains("bot") || agent.contains("python-requests")) {
                bots++;
                assertThat(event.get("event_type").asText()).isEqualTo("page_view");
                assertThat(event.has("user_id")).isFalse();
            }
        }
        long viewed = typesBySession.values().stream().filter(t -> t.contains("page_view")).count();
        long carted = typesBySession.values().stream().filter(t -> t.contains("add_to_cart")).count();
        long bought = typesBySession.values().stream().filter(t -> t.contains("purchase")).count();
        assertThat(viewed).isGreaterThan(carted);
        assertThat(carted).isGreaterThan(bought);
        assertThat(bought).isPositive();
        assertThat(campaigns).isPositive();
        assertThat(bots).isPositive();
        assertThat(agents.size()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void faultsOfEveryKindAppearAtTheirRatesAndAreTheFaultsTheyClaim() throws Exception {
        FaultRates rates = FaultRates.none();
        for (FaultKind kind : FaultKind.values()) {
            rates = rates.with(kind, kind == FaultKind.OVERSIZED ? 0.002 : 0.03);
        }
        int total = 20_000;
        List<ProducerRecord> records = generate(live(3, total, rates));
        Map<String, Integer> counts = new HashMap<>();
        Map<String, byte[]> validById = new HashMap<>();
        for (ProducerRecord record : records) {
            counts.merge(record.kind(), 1, Integer::sum);
            if (record.kind().equals(ProducerRecord.VALID)) {
                validById.put(record.eventId(), record.data());
            }
        }
        for (FaultKind kind : FaultKind.values()) {
            double expected = total * rates.rate(kind);
            double sigma = Math.sqrt(expected * (1 - rates.rate(kind)));
            assertThat((double) counts.getOrDefault(kind.label(), 0)).as(kind.label())
                    .isBetween(expected - 5 * sigma, expected + 5 * sigma);
        }
        for (ProducerRecord record : records) {
            List<String> violations = ContractRules.violations(CONTRACT, record.data());
            switch (record.kind()) {
                case "valid" -> assertThat(violations).isEmpty();
                case "malformed_json" -> assertThat(violations).containsExactly("malformed JSON");
                case "invalid_utf8" -> assertThat(violations).containsExactly("invalid UTF-8");
                case "wrong_type" -> assertThat(violations).singleElement().asString().startsWith("wrong type");
                case "missing_field" -> assertThat(violations).singleElement().asString().startsWith("missing");
                case "oversized" -> {
                    assertThat(violations).isEmpty();
                    assertThat(record.data().length).isGreaterThan(1000 * 1024).isLessThan(1024 * 1024 - 256);
                }
                case "duplicate" -> {
                    assertThat(violations).isEmpty();
                    assertThat(Arrays.equals(validById.get(record.eventId()), record.data()))
                            .as("a duplicate repeats an earlier valid record").isTrue();
                }
                case "late" -> {
                    assertThat(violations).isEmpty();
                    JsonNode time = JSON.readTree(record.data()).get("event_time");
                    Instant eventTime = time.isNumber() ? Instant.ofEpochMilli(time.asLong())
                            : OffsetDateTime.parse(time.asText()).toInstant();
                    assertThat(Duration.between(eventTime, NOW)).isBetween(Duration.ofHours(1), Duration.ofHours(48));
                }
                default -> throw new AssertionError("unexpected kind " + record.kind());
            }
        }
    }

    @Test
    void historyModeSpreadsEventsOverThePastAlongTheDailyCurve() throws Exception {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        List<ProducerRecord> records = generate(new SimulationSettings(4, 1000, 30_000, start, Duration.ofDays(7),
                FaultRates.none(), 0.05, CLOCK));
        int[] byHour = new int[24];
        for (ProducerRecord record : records) {
            JsonNode time = JSON.readTree(record.data()).get("event_time");
            Instant eventTime = time.isNumber() ? Instant.ofEpochMilli(time.asLong())
                    : OffsetDateTime.parse(time.asText()).toInstant();
            assertThat(eventTime).isBetween(start, start.plus(Duration.ofDays(7)));
            byHour[eventTime.atOffset(ZoneOffset.UTC).getHour()]++;
        }
        int night = byHour[2] + byHour[3] + byHour[4] + byHour[5];
        int afternoon = byHour[14] + byHour[15] + byHour[16] + byHour[17];
        assertThat(afternoon).isGreaterThan(3 * night);
        Instant last = Instant.EPOCH;
        for (ProducerRecord record : records) {
            JsonNode time = JSON.readTree(record.data()).get("event_time");
            Instant eventTime = time.isNumber() ? Instant.ofEpochMilli(time.asLong())
                    : OffsetDateTime.parse(time.asText()).toInstant();
            assertThat(eventTime).isAfterOrEqualTo(last.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            last = eventTime;
        }
        assertThat(last).isAfter(start.plus(Duration.ofDays(6)));
    }
}
