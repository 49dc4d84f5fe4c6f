package io.firelake.endpoint.glue;

import io.firelake.endpoint.json.AwsServiceException;
import software.amazon.awssdk.services.glue.model.Segment;

import java.util.List;

/**
 * GetPartitions' {@code Segment}: the table's partitions split into {@code TotalSegments} non-overlapping segments,
 * so that several requests can read them in parallel, each segment paged on its own with {@code NextToken}. A
 * partition's segment is its values' hash modulo the total, so that every partition is in exactly one segment and
 * stays in it while others are added or deleted. The model bounds the numbers ({@code TotalSegments} 1 to 10,
 * {@code SegmentNumber} at least 0); a {@code SegmentNumber} past the last segment is {@code InvalidInputException}.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_Segment.html">Segment</a>
 */
record PartitionSegment(int number, int total) {

    /** The whole table: the segment of a request that names none. */
    static final PartitionSegment ALL = new PartitionSegment(0, 1);

    PartitionSegment {
        if (number >= total) {
            throw AwsServiceException.of("InvalidInputException", "SegmentNumber " + number + " is out of range: "
                    + "SegmentNumber values range from 0 through TotalSegments - 1 (" + (total - 1) + ")");
        }
    }

    static PartitionSegment of(Segment segment) {
        return segment == null ? ALL : new PartitionSegment(segment.segmentNumber(), segment.totalSegments());
    }

    boolean contains(List<String> values) {
        return Math.floorMod(values.hashCode(), total) == number;
    }
}
