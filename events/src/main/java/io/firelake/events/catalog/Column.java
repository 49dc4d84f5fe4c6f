package io.firelake.events.catalog;

/**
 * A Glue Data Catalog column: the name and Hive type Athena and Firehose record format conversion read.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/data-types.html">Athena data types</a>
 */
public record Column(String name, String type, String comment) {
}
