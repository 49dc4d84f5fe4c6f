package io.firelake.config.cli;

import io.firelake.config.layout.DataLayout;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared options as a command mixes them in: parsed, converted, defaulted and explained in --help. */
class OptionsTest {

    @Command(name = "probe", mixinStandardHelpOptions = true)
    static final class Probe implements Runnable {
        @Mixin
        DataDirOption data;
        @Mixin
        EndpointOptions aws;
        @Mixin
        DayRangeOptions days;
        @Mixin
        StreamOption stream;
        @Mixin
        DeliveryStreamOption deliveryStream;
        @Mixin
        GlueDatabaseOption database;
        @Option(names = "--wait", converter = DurationConverter.class, defaultValue = "500ms",
                description = "How long (default: ${DEFAULT-VALUE}).")
        Duration wait;
        @Option(names = "--source")
        Source source;
        @Option(names = "--until", converter = InstantConverter.class)
        Instant until;

        @Override
        public void run() {
        }
    }

    /** The lake's options carry --data-dir themselves. */
    @Command(name = "lake-probe")
    static final class LakeProbe implements Runnable {
        @Mixin
        LakeOptions lake;

        @Override
        public void run() {
        }
    }

    record Parsed(Probe probe, int exit, String err) {
    }

    private static LakeOptions lake(String... args) {
        LakeProbe probe = new LakeProbe();
        new CommandLine(probe).parseArgs(args);
        return probe.lake;
    }

    private static Parsed parse(String... args) {
        Probe probe = new Probe();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(probe).setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Parsed(probe, exit, err.toString());
    }

    @Test
    void dataDirIsAbsoluteAndGivesTheLayout() {
        Parsed parsed = parse("--data-dir", "some/dir");
        assertThat(parsed.probe().data.resolve()).isEqualTo(Path.of("some/dir").toAbsolutePath());
        assertThat(parsed.probe().data.layout()).isEqualTo(DataLayout.of(Path.of("some/dir")));
    }

    @Test
    void theLakeIsTheOneUnderTheDataDirUnlessGiven() {
        LakeOptions underDataDir = lake("--data-dir", "d");
        assertThat(underDataDir.directory()).isEqualTo(Path.of("d/s3/firelake-lake").toAbsolutePath());
        assertThat(underDataDir.given()).isEmpty();
        assertThat(lake("--lake", "elsewhere/../lake").directory()).isEqualTo(Path.of("lake").toAbsolutePath());
        LakeOptions onS3 = lake("--lake", "s3://bucket");
        assertThat(onS3.given()).contains("s3://bucket");
        assertThatThrownBy(onS3::directory).hasMessageContaining("--lake s3://bucket is on S3");
    }

    @Test
    void durationsReadOneGrammarAndABadOneIsAUsageError() {
        assertThat(parse().probe().wait).isEqualTo(Duration.ofMillis(500));
        assertThat(parse("--wait", "PT0.5S").probe().wait).isEqualTo(Duration.ofMillis(500));
        assertThat(parse("--wait", "2m").probe().wait).isEqualTo(Duration.ofMinutes(2));
        Parsed bad = parse("--wait", "soon");
        assertThat(bad.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(bad.err()).contains("--wait", "'soon' is not a duration", "500ms");
    }

    @Test
    void theEndpointHasBothSpellingsAndTheEnvironmentAsDefault() {
        assertThat(parse("--endpoint", "http://127.0.0.1:4567").probe().aws.endpoint())
                .contains(URI.create("http://127.0.0.1:4567"));
        Parsed url = parse("--endpoint-url", "https://kinesis.eu-west-1.amazonaws.com", "--region", "eu-west-1");
        assertThat(url.probe().aws.endpoint()).contains(URI.create("https://kinesis.eu-west-1.amazonaws.com"));
        assertThat(url.probe().aws.region()).contains("eu-west-1");
        assertThat(url.probe().aws.given()).isTrue();

        Map<String, String> environment = Map.of(EndpointOptions.ENDPOINT_VARIABLE, "http://127.0.0.1:4569");
        assertThat(EndpointOptions.endpoint(null, environment)).contains(URI.create("http://127.0.0.1:4569"));
        assertThat(EndpointOptions.endpoint(URI.create("http://h:1"), environment)).contains(URI.create("http://h:1"));
        assertThat(EndpointOptions.endpoint(null, Map.of())).isEmpty();
        assertThatThrownBy(() -> EndpointOptions.endpoint(null, Map.of(EndpointOptions.ENDPOINT_VARIABLE, "localhost:4567")))
                .hasMessageContaining("$AWS_ENDPOINT_URL").hasMessageContaining("localhost:4567");
    }

    @Test
    void anEndpointThatIsNoUrlIsAUsageError() {
        Parsed bad = parse("--endpoint", "127.0.0.1:4567");
        assertThat(bad.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(bad.err()).contains("--endpoint", "http://");
    }

    @Test
    void reportDaysEndTodayAndBatchDaysAreOneDay() {
        LocalDate today = LocalDate.of(2026, 11, 22);
        DayRangeOptions none = parse().probe().days;
        assertThat(none.lastDays(7, today)).isEqualTo(new DayRangeOptions.Days(today.minusDays(6), today));
        assertThat(none.oneDay(today)).isEqualTo(new DayRangeOptions.Days(today, today));

        DayRangeOptions from = parse("--from", "2026-11-01").probe().days;
        assertThat(from.lastDays(7, today)).isEqualTo(new DayRangeOptions.Days(LocalDate.of(2026, 11, 1), today));
        assertThat(from.oneDay(today).last()).isEqualTo(LocalDate.of(2026, 11, 1));

        DayRangeOptions to = parse("--to", "2026-11-10").probe().days;
        assertThat(to.lastDays(7, today).first()).isEqualTo(LocalDate.of(2026, 11, 4));
        assertThatThrownBy(() -> to.oneDay(today)).hasMessage("--to needs --from");

        DayRangeOptions date = parse("--date", "2026-11-05").probe().days;
        assertThat(date.oneDay(today)).isEqualTo(date.lastDays(7, today));
        assertThatThrownBy(() -> parse("--date", "2026-11-05", "--to", "2026-11-06").probe().days.oneDay(today))
                .hasMessage("give either --date or --from/--to, not both");
        assertThatThrownBy(() -> parse("--from", "2026-11-05", "--to", "2026-11-04").probe().days.lastDays(7, today))
                .hasMessage("--to 2026-11-04 is before --from 2026-11-05");
    }

    @Test
    void streamNamesDefaultToTheSamTemplates() {
        Probe defaults = parse().probe();
        assertThat(defaults.stream.given()).isEmpty();
        assertThat(defaults.stream.resolve()).isEqualTo("firelake-events");
        assertThat(defaults.deliveryStream.resolve()).isEqualTo("firelake-delivery");
        assertThat(defaults.database.resolve()).isEqualTo("firelake");
        Probe given = parse("--stream", "s", "--delivery-stream", "d", "--database", "shop").probe();
        assertThat(given.stream.resolve()).isEqualTo("s");
        assertThat(given.database.resolve()).isEqualTo("shop");
        assertThat(given.deliveryStream.given()).isEqualTo(Optional.of("d"));
    }

    @Test
    void helpTeachesEveryDefault() {
        StringWriter out = new StringWriter();
        new CommandLine(new Probe()).setUsageHelpWidth(200).setOut(new PrintWriter(out, true)).execute("--help");
        assertThat(out.toString()).contains("--data-dir=DIR", "$FIRELAKE_DATA_DIR or .firelake/data",
                "--endpoint, --endpoint-url=URL", "$AWS_ENDPOINT_URL", "--region=REGION", "default: 500ms",
                "StreamName", "DeliveryStreamName", "GlueDatabaseName", "--date=D", "--from=D", "--to=D");
    }

    @Test
    void sourceIsLocalOrAws() {
        assertThat(parse("--source", "aws").probe().source).isEqualTo(Source.aws);
        assertThat(parse("--source", "cloud").exit()).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void aDayThatIsNoDaySaysWhatADayIs() {
        Parsed bad = parse("--date", "2026-13-01");
        assertThat(bad.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(bad.err()).contains("--date", "'2026-13-01' is not a day: use yyyy-MM-dd")
                .doesNotContain("java.time");
        assertThat(parse("--from", "yesterday").err()).contains("'yesterday' is not a day");
    }

    @Test
    void anInstantIsIsoWithAnOffsetAndANonInstantSaysSo() {
        assertThat(parse("--until", "2026-11-21T14:05:00Z").probe().until).isEqualTo(Instant.parse("2026-11-21T14:05:00Z"));
        assertThat(parse("--until", "2026-11-21T15:05+01:00").probe().until).isEqualTo(Instant.parse("2026-11-21T14:05:00Z"));
        Parsed bad = parse("--until", "yesterday");
        assertThat(bad.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(bad.err()).contains("--until", "'yesterday' is not an instant", "2026-11-21T14:05:00Z")
                .doesNotContain("java.time");
    }

    @Test
    void aUsageMistakeIsOneLineASuggestionAndWhereTheHelpIs() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Probe()).setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler(UsageErrors.naming());
        assertThat(cli.execute("--data-dri", "x")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("probe: Unknown options: '--data-dri', 'x'")
                .contains("--data-dir").contains("Run 'probe --help' for the options.")
                .doesNotContain("Usage:");

        StringWriter fixed = new StringWriter();
        new CommandLine(new Probe()).setErr(new PrintWriter(fixed, true))
                .setParameterExceptionHandler(new UsageErrors("error")).execute("--wait", "soon");
        assertThat(fixed.toString()).startsWith("error: Invalid value for option '--wait'").doesNotContain("Usage:");
    }
}
