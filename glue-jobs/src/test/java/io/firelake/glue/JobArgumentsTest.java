package io.firelake.glue;

import io.firelake.glue.compaction.FileSizing;
import io.firelake.glue.job.DayRange;
import io.firelake.glue.job.JobArguments;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobArgumentsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsGlueStyleArgumentsAndIgnoresGluesOwn() {
        JobArguments args = JobArguments.parse(new String[]{"--JOB_NAME", "firelake-compaction", "--JOB_RUN_ID", "jr_1",
                "--TempDir", "s3://tmp/", "--lake", "s3://lake/", "--from", "2026-11-01", "--to=2026-11-03",
                "--enable-metrics"}, clock);
        assertThat(args.jobName()).isEqualTo("firelake-compaction");
        assertThat(args.lake()).isEqualTo("s3://lake");
        assertThat(args.range()).isEqualTo(new DayRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-03")));
        assertThat(args.lookbackDays()).isEqualTo(JobArguments.DEFAULT_LOOKBACK_DAYS);
        assertThat(args.targetFileBytes()).isEqualTo(128L << 20);
        assertThat(args.layout().curatedDay(LocalDate.parse("2026-11-01"))).isEqualTo("s3://lake/curated/event_date=2026-11-01");
    }

    @Test
    void aDailyTriggerWithoutDatesProcessesYesterday() {
        JobArguments args = JobArguments.parse(new String[]{"--lake", "/data/lake"}, clock);
        assertThat(args.range()).isEqualTo(DayRange.day(LocalDate.parse("2026-11-21")));
        assertThat(args.range().withLookback(2).days()).containsExactly(LocalDate.parse("2026-11-19"),
                LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21"));
    }

    @Test
    void withoutDatesARunIsIncrementalAndNamedByGluesRunId() {
        JobArguments scheduled = JobArguments.parse(new String[]{"--lake", "s3://lake", "--JOB_RUN_ID", "jr_9",
                "--job-bookmark-option", "job-bookmark-disable", "--TempDir", "s3://tmp/"}, clock);
        assertThat(scheduled.incremental()).isTrue();
        assertThat(scheduled.runId()).isEqualTo("jr_9");
        assertThat(JobArguments.parse(new String[]{"--lake", "x", "--from", "2026-11-01"}, clock).incremental())
                .isFalse();
    }

    @Test
    void refusesMissingLakeAndBackwardRanges() {
        assertThatThrownBy(() -> JobArguments.parse(new String[]{"--from", "2026-11-01"}, clock))
                .hasMessageContaining("--lake");
        assertThatThrownBy(() -> JobArguments.parse(new String[]{"--lake", "x", "--from", "2026-11-02", "--to",
                "2026-11-01"}, clock)).hasMessageContaining("before");
        assertThatThrownBy(() -> JobArguments.parse(new String[]{"--lake", "x", "--lookback-days", "-1"}, clock))
                .hasMessage("--lookback-days must not be negative, not -1");
    }

    @Test
    void sizesFilesFromObservedBytesPerRow() {
        FileSizing sizing = FileSizing.observed(1_000_000, 10_000, 10_000_000);
        assertThat(sizing.bytesPerRow()).isEqualTo(100.0);
        assertThat(sizing.filesFor(1)).isEqualTo(1);
        assertThat(sizing.filesFor(100_000)).isEqualTo(1);
        assertThat(sizing.filesFor(100_001)).isEqualTo(2);
        assertThat(sizing.filesFor(1_000_000)).isEqualTo(10);
        assertThat(sizing.rowsPerFile()).isEqualTo(100_000);
        assertThat(FileSizing.observed(0, 0, 10).filesFor(0)).isEqualTo(1);
        assertThat(FileSizing.curated(7_100_000, 100_000, 10_000_000).bytesPerRow()).isEqualTo(71.0);
    }
}
