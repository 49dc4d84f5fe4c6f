package io.firelake.producer.cli;

import io.firelake.config.cli.ContractOption;
import io.firelake.producer.generate.Simulators;
import io.firelake.producer.generate.FaultKind;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Simulate the events of a contract (--contract, default clickstream) and send them to a Kinesis "
                    + "stream, or with --delivery-stream straight to a Firehose delivery stream (Direct PUT).",
            "",
            "Clickstream: visitors arrive from search, social, newsletters and partner sites (with UTM campaigns) on "
                    + "desktop, mobile and tablet browsers; they land, search, view products, add to cart, check out "
                    + "and buy, with most leaving early; a share of sessions are crawlers. Any other contract: events "
                    + "from its raw schema and its simulator hints (contract.yaml). The partition key is the field "
                    + "with role partition_key. The same --seed gives the same events.",
            "",
            "Live (default): events are stamped with the current time. History: --start-time T spreads --events "
                    + "over the past span T..now (or T..T+--duration) along a daily traffic curve, as fast as the "
                    + "stream takes them.",
            ""},
        footer = {"", "Examples:",
            "  # the local kinesalite: 100k events, 1%% faults, a manifest for accounting",
            "  java -jar producer/target/firelake-producer.jar generate \\",
            "    --endpoint http://127.0.0.1:4567 --create-stream 2 \\",
            "    --events 100000 --fault-rate 0.01 --manifest target/manifest.jsonl",
            "",
            "  # a week of history on AWS (default credentials and region)",
            "  java -jar firelake-producer.jar generate --stream firelake-events \\",
            "    --events 2000000 --start-time 2026-11-01T00:00:00Z --duration 7d",
            "",
            "  # Direct PUT through the local AWS endpoint of 'firelake local up' into a",
            "  # delivery stream created as DirectPut (aws firehose create-delivery-stream)",
            "  java -jar producer/target/firelake-producer.jar generate \\",
            "    --endpoint http://127.0.0.1:4566 --delivery-stream firelake-direct \\",
            "    --events 100000 --fault-rate 0.01 --manifest target/manifest.jsonl",
            "",
            "  # IoT readings from the contract folder, into the local stream",
            "  java -jar producer/target/firelake-producer.jar generate \\",
            "    --contract contracts/iot-telemetry \\",
            "    --endpoint http://127.0.0.1:4567 --events 10000 --fault-rate 0.01",
            "",
            "  # a steady 200 events/s for ten minutes, only late events as faults",
            "  java -jar firelake-producer.jar generate --rate 200 --duration 10m \\",
            "    --fault late=0.02",
            "",
            "Exit status: 0 all delivered, 2 bad usage, 3 some records undeliverable",
            "(each listed in the manifest with its error)."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SendOptions send;
    @Mixin
    ContractOption contract;

    @Option(names = "--events", paramLabel = "N",
            description = "Records to send, faults included (default: 10000, or unlimited with --duration in live mode).")
    Long events;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed; the same seed gives the same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--users", paramLabel = "N", defaultValue = "" + SimulationSettings.DEFAULT_USERS,
            description = "Distinct visitors (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--start-time", paramLabel = "TIME",
            description = "History mode: the first event time, ISO-8601 (2026-11-01T00:00:00Z).")
    String startTime;

    @Option(names = "--bots", paramLabel = "SHARE", defaultValue = "" + SimulationSettings.DEFAULT_BOT_SHARE,
            description = "Share of sessions that are crawlers (default: ${DEFAULT-VALUE}).")
    double bots;

    @Option(names = "--fault-rate", paramLabel = "RATE",
            description = "Share of records with an injected fault, spread over all kinds (oversized ones, 1 MB "
                    + "each, get a twentieth of a share). E.g. 0.01.")
    Double faultRate;

    @Option(names = "--fault", paramLabel = "KIND=RATE",
            description = "Rate of one fault kind, repeatable; overrides --fault-rate for that kind. Kinds: "
                    + "malformed_json, invalid_utf8, wrong_type, missing_field, oversized, duplicate, late.")
    Map<String, Double> faults;

    @Override
    public Integer call() throws Exception {
        FaultRates rates;
        try {
            rates = faultRate == null ? FaultRates.none() : FaultRates.combined(faultRate);
            if (faults != null) {
                for (Map.Entry<String, Double> entry : faults.entrySet()) {
                    rates = rates.with(FaultKind.fromLabel(entry.getKey()), entry.getValue());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Instant start = null;
        if (startTime != null) {
            try {
                start = OffsetDateTime.parse(startTime).toInstant();
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--start-time '" + startTime
                        + "' is not ISO-8601 with an offset, e.g. 2026-11-01T00:00:00Z");
            }
        }
        boolean history = start != null;
        long count = events != null ? events : (send.duration != null && !history ? Long.MAX_VALUE : 10_000);
        Duration span = history ? send.duration : null;
        Duration wallLimit = history ? null : send.duration;
        SimulationSettings settings;
        try {
            settings = new SimulationSettings(seed, users, count, start, span, rates, bots, Clock.systemUTC());
            var simulator = Simulators.of(settings, contract.contract());
            return Runner.run(send, simulator, count == Long.MAX_VALUE ? 0 : count, wallLimit, System.out,
                    System.err);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
