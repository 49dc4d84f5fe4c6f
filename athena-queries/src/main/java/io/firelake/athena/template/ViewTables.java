package io.firelake.athena.template;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import io.firelake.events.contract.BatchView;
import io.firelake.events.schema.FieldSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The deployed template's batch view tables are the contract's ({@code views/*.sql}): the line {@value #MARKER} of
 * {@code sam/template.yaml} becomes one {@code AWS::Glue::Table} per view, rendered from the same definition as its
 * Athena DDL and the Glue table {@code local up} and {@code catalog sync} create ({@link LakeTables#viewDefinition}:
 * the {@code -- columns:} header, partitioned and projected by the contract's day key under {@code views/NAME/}; the
 * description, {@link LakeTables#viewDescription}).
 * A view's logical id is its name in camel case plus {@code ViewTable} ({@code traffic_hourly} is
 * {@code TrafficHourlyViewTable}), so a redeploy updates the tables of an earlier template in place.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-table.html">AWS::Glue::Table</a>
 */
public final class ViewTables {

    /** The line of {@code sam/template.yaml} where the view tables go. */
    public static final String MARKER = "  # @view-tables";
    private static final String LAKE = "s3://${LakeBucket}";

    private ViewTables() {
    }

    /** {@code template} with {@value #MARKER} replaced by the contract's view tables (nothing for a contract without). */
    public static String apply(String template, EventContract contract) {
        int at = template.indexOf(MARKER + "\n");
        if (at < 0 || template.indexOf(MARKER + "\n", at + 1) >= 0) {
            throw new IllegalArgumentException("the template must have the line '" + MARKER + "' exactly once");
        }
        List<String> resources = new ArrayList<>();
        contract.batchViews().forEach(view -> resources.add(resource(contract, view)));
        return template.substring(0, at) + String.join("\n", resources) + template.substring(at + MARKER.length() + 1);
    }

    /** The logical id of a view's table. */
    public static String logicalId(String view) {
        StringBuilder id = new StringBuilder();
        for (String word : view.split("_")) {
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.append("ViewTable").toString();
    }

    private static String resource(EventContract contract, BatchView view) {
        TableDefinition table = LakeTables.viewDefinition(contract, view, LakeTables.LAKE_PLACEHOLDER);
        FieldSpec day = contract.enriched().field(view.day()).orElseThrow();
        StringBuilder yaml = new StringBuilder("  ").append(logicalId(view.name())).append(":\n")
                .append("    Type: AWS::Glue::Table\n")
                .append("    Properties:\n")
                .append("      CatalogId: !Ref AWS::AccountId\n")
                .append("      DatabaseName: !Ref GlueDatabase\n")
                .append("      TableInput:\n")
                .append("        Name: ").append(table.name()).append('\n')
                .append("        Description: ").append(quoted(LakeTables.viewDescription(view))).append('\n')
                .append("        TableType: EXTERNAL_TABLE\n")
                .append("        Parameters:\n")
                .append("          classification: parquet\n")
                .append("          parquet.compression: SNAPPY\n")
                .append("          projection.enabled: '").append(table.projection().get("projection.enabled")).append("'\n");
        for (String property : day.projection().keySet()) {
            String key = "projection." + day.name() + "." + property;
            yaml.append("          ").append(key).append(": ")
                    .append(TemplatePartitions.scalar(table.projection().get(key))).append('\n');
        }
        yaml.append("          storage.location.template: !Sub '")
                .append(sub(table.projection().get("storage.location.template"))).append("'\n")
                .append("        PartitionKeys:\n");
        table.partitionKeys().forEach(k -> yaml.append(ContractColumns.COLUMN_INDENT.substring(2))
                .append(ContractColumns.yaml(k)));
        yaml.append("        StorageDescriptor:\n")
                .append("          Location: !Sub '").append(sub(table.location())).append("'\n")
                .append("          InputFormat: org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat\n")
                .append("          OutputFormat: org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat\n")
                .append("          SerdeInfo:\n")
                .append("            SerializationLibrary: org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe\n")
                .append("          Columns:\n");
        for (Column column : table.columns()) {
            yaml.append(ContractColumns.COLUMN_INDENT).append(ContractColumns.yaml(column));
        }
        return yaml.toString();
    }

    /** A location with the lake placeholder as the bucket and every other {@code ${x}} kept literal for Fn::Sub. */
    private static String sub(String location) {
        return location.replace("${", "${!").replace(LakeTables.LAKE_PLACEHOLDER, LAKE).replace("'", "''");
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
