package io.firelake.endpoint.glue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Segment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GetPartitions' Segment with MaxResults and NextToken, BatchGetPartition, and how an operation Glue has but the
 * endpoint does not serve is refused, through the real SDK client against the local endpoint.
 */
class GluePartitionReadsTest {

    private static final int PARTITIONS = 137;

    @TempDir
    Path dir;
    private LocalGlue local;
    private GlueClient glue;

    @BeforeEach
    void start() {
        local = LocalGlue.start(dir).withDatabase("db");
        glue = local.client();
        glue.createTable(b -> b.databaseName("db").tableInput(t -> t.name("events").tableType("EXTERNAL_TABLE")
                .storageDescriptor(s -> s.location("s3://lake/events/")
                        .columns(Column.builder().name("id").type("string").build()))
                .partitionKeys(Column.builder().name("event_date").type("string").build(),
                        Column.builder().name("event_hour").type("string").build())));
        List<PartitionInput> inputs = IntStream.range(0, PARTITIONS).mapToObj(i -> PartitionInput.builder()
                .values(String.format("2026-12-%02d", 1 + i / 24), String.format("%02d", i % 24)).build()).toList();
        for (int from = 0; from < inputs.size(); from += GlueApi.MAX_PARTITIONS_PER_BATCH_CREATE) {
            List<PartitionInput> batch = inputs.subList(from, Math.min(inputs.size(),
                    from + GlueApi.MAX_PARTITIONS_PER_BATCH_CREATE));
            assertThat(glue.batchCreatePartition(b -> b.databaseName("db").tableName("events")
                    .partitionInputList(batch)).errors()).isEmpty();
        }
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void segmentsAreDisjointAndTogetherAreEveryPartitionPageByPage() {
        List<List<String>> all = values(read(null, null));
        assertThat(all).hasSize(PARTITIONS).doesNotHaveDuplicates();
        for (int total : List.of(1, 3, 10)) {
            List<List<String>> union = new ArrayList<>();
            for (int number = 0; number < total; number++) {
                List<List<String>> segment = values(read(Segment.builder().segmentNumber(number)
                        .totalSegments(total).build(), 7));
                assertThat(segment).as("segment %d of %d", number, total).isNotEmpty();
                assertThat(values(read(Segment.builder().segmentNumber(number).totalSegments(total).build(), null)))
                        .as("the same segment in one page").isEqualTo(segment);
                union.addAll(segment);
            }
            assertThat(union).as("%d segments", total).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        }
        List<List<String>> firstDay = values(glue.getPartitions(b -> b.databaseName("db").tableName("events")
                .expression("event_date = '2026-12-01'").segment(s -> s.segmentNumber(1).totalSegments(2)))
                .partitions());
        assertThat(firstDay).isNotEmpty().allSatisfy(v -> assertThat(v.get(0)).isEqualTo("2026-12-01"))
                .isSubsetOf(values(read(Segment.builder().segmentNumber(1).totalSegments(2).build(), null)));
    }

    @Test
    void segmentNumbersOutsideTheModelsRangeAreRefused() {
        assertThatThrownBy(() -> read(Segment.builder().segmentNumber(0).totalSegments(11).build(), null))
                .isInstanceOf(GlueException.class).satisfies(e -> assertThat(((GlueException) e).awsErrorDetails()
                        .errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("Value '11' at 'segment.totalSegments' failed to satisfy constraint: Member "
                        + "must have value less than or equal to 10");
        assertThatThrownBy(() -> read(Segment.builder().segmentNumber(0).totalSegments(0).build(), null))
                .hasMessageContaining("Member must have value greater than or equal to 1");
        assertThatThrownBy(() -> read(Segment.builder().segmentNumber(-1).totalSegments(2).build(), null))
                .hasMessageContaining("Value '-1' at 'segment.segmentNumber' failed to satisfy constraint");
        assertThatThrownBy(() -> read(Segment.builder().segmentNumber(4).totalSegments(4).build(), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SegmentNumber 4 is out of range");
        assertThatThrownBy(() -> glue.getPartitions(b -> b.databaseName("db").tableName("events").maxResults(1001)))
                .hasMessageContaining("Member must have value less than or equal to 1000");
    }

    @Test
    void batchGetPartitionAnswersThePartitionsThatExist() {
        List<Partition> got = glue.batchGetPartition(b -> b.databaseName("db").tableName("events").partitionsToGet(
                PartitionValueList.builder().values("2026-12-01", "05").build(),
                PartitionValueList.builder().values("2030-01-01", "00").build(),
                PartitionValueList.builder().values("2026-12-02", "23").build())).partitions();
        assertThat(values(got)).containsExactly(List.of("2026-12-01", "05"), List.of("2026-12-02", "23"));
        assertThatThrownBy(() -> glue.batchGetPartition(b -> b.databaseName("db").tableName("nope")
                .partitionsToGet(PartitionValueList.builder().values("x").build())))
                .hasMessageContaining("Table nope not found.");
    }

    @Test
    void anOperationGlueHasButTheEndpointDoesNotServeIsRefusedAsAnUnknownOperation() {
        assertThatThrownBy(() -> glue.getCrawlers(b -> { }))
                .isInstanceOf(GlueException.class)
                .satisfies(e -> {
                    GlueException glueError = (GlueException) e;
                    assertThat(glueError.statusCode()).isEqualTo(400);
                    assertThat(glueError.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                })
                .hasMessageContaining("firelake's local endpoint does not serve Glue GetCrawlers")
                .hasMessageContaining("BatchGetPartition");
    }

    /** Every page of GetPartitions, following NextToken. */
    private List<Partition> read(Segment segment, Integer maxResults) {
        List<Partition> partitions = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetPartitionsResponse page = glue.getPartitions(b -> b.databaseName("db").tableName("events")
                    .segment(segment).maxResults(maxResults).nextToken(next));
            if (maxResults != null) {
                assertThat(page.partitions()).hasSizeLessThanOrEqualTo(maxResults);
            }
            partitions.addAll(page.partitions());
            token = page.nextToken();
        } while (token != null);
        return partitions;
    }

    private static List<List<String>> values(List<Partition> partitions) {
        return partitions.stream().map(Partition::values).toList();
    }
}
