package io.firelake.local.endpoint;

import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.util.List;
import java.util.Map;

/**
 * The Parquet schema of a delivery stream, read as Firehose's record format conversion reads it: the latest version of
 * the stream's Glue table, through the Glue API ({@code glue:GetTableVersions}), so that a table change is what the
 * next start of the stream converts with.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html">Record format conversion</a>
 */
public final class GlueTableSchemas {

    private final java.util.function.Supplier<GlueClient> glue;

    /** @param glue a client of the endpoint's Glue API, asked for once the endpoint answers */
    public GlueTableSchemas(java.util.function.Supplier<GlueClient> glue) {
        this.glue = glue;
    }

    /** The latest version of the table, and its version id. */
    public Table latest(String database, String table) {
        try {
            List<TableVersion> versions = glue.get().getTableVersions(b -> b.databaseName(database).tableName(table)
                    .maxResults(1)).tableVersions();
            return versions.get(0).table();
        } catch (EntityNotFoundException e) {
            throw AwsServiceException.of("InvalidArgumentException", "The Glue table " + database + "." + table
                    + " of the data format conversion does not exist: " + e.awsErrorDetails().errorMessage());
        }
    }

    static TableDefinition definition(Table table) {
        List<Column> columns = table.storageDescriptor().columns().stream()
                .map(c -> new Column(c.name(), c.type(), c.comment())).toList();
        List<Column> keys = table.partitionKeys().stream().map(c -> new Column(c.name(), c.type(), c.comment()))
                .toList();
        return new TableDefinition(table.databaseName(), table.name(), columns, keys, Map.of(),
                table.storageDescriptor().location());
    }
}
