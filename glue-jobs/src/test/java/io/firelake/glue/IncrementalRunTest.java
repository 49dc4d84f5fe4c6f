package io.firelake.glue;

import io.firelake.glue.job.DayRange;
import io.firelake.glue.job.IncrementalRun;
import io.firelake.glue.job.LakeFiles;
import io.firelake.glue.job.LakeLayout;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The days an incremental run processes, from file times and the state files, on a lake directory through Hadoop's
 * file system (as on S3): new raw files select their days, a late file selects its old day, a failed views run
 * leaves its days for the next one. The Spark side is {@code BatchLayerOnS3aTest}.
 */
class IncrementalRunTest {

    private static final LocalDate D1 = LocalDate.parse("2026-11-20");
    private static final LocalDate D2 = LocalDate.parse("2026-11-21");
    private static final LocalDate D3 = LocalDate.parse("2026-11-22");

    @TempDir
    Path lake;

    private void rawFile(LocalDate day, String name, Instant written) throws IOException {
        Path file = lake.resolve("raw/event_date=" + day + "/event_hour=10/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(written));
    }

    private IncrementalRun state() {
        return new IncrementalRun(new LakeFiles(new Configuration()), new LakeLayout(lake.toString()));
    }

    @Test
    void newFilesSelectTheirDaysAndALateFileItsOldDay() throws IOException {
        Instant t0 = Instant.parse("2026-11-22T01:30:00Z");
        rawFile(D1, "a.parquet", t0.minusSeconds(86_400));
        rawFile(D2, "b.parquet", t0.minusSeconds(3_600));
        assertThat(state().compactionDays()).as("first run: every day with raw files").containsExactly(D1, D2);
        state().compactionSucceeded("jr_1", t0, new TreeSet<>(List.of(D1, D2)));
        assertThat(state().viewDays()).containsExactly(D1, D2);
        state().viewsSucceeded();
        assertThat(state().viewDays()).isEmpty();

        Instant t1 = t0.plusSeconds(86_400);
        rawFile(D3, "c.parquet", t1.minusSeconds(3_600));
        rawFile(D1, "late.parquet", t1.minusSeconds(7_200));
        assertThat(state().compactionDays()).as("the new day, and the old day of the late file").containsExactly(D1, D3);
        assertThat(IncrementalRun.ranges(state().compactionDays()))
                .containsExactly(DayRange.day(D1), DayRange.day(D3));

        state().compactionSucceeded("jr_2", t1, state().compactionDays());
        Instant t2 = t1.plusSeconds(86_400);
        rawFile(D3, "d.parquet", t2.minusSeconds(60));
        // The views did not run for jr_2 (failed): the next compaction carries its days forward.
        state().compactionSucceeded("jr_3", t2, state().compactionDays());
        assertThat(state().viewDays()).containsExactly(D1, D3);
        assertThat(IncrementalRun.ranges(new TreeSet<>(List.of(D1, D2, D3)))).containsExactly(new DayRange(D1, D3));
    }

    @Test
    void filesWrittenJustBeforeTheLastRunStartedAreTakenAgain() throws IOException {
        Instant t0 = Instant.parse("2026-11-22T01:30:00Z");
        rawFile(D2, "slow-upload.parquet", t0.minus(IncrementalRun.MARGIN).plusSeconds(60));
        state().compactionSucceeded("jr_1", t0, new TreeSet<>());
        assertThat(state().compactionDays()).containsExactly(D2);
    }
}
