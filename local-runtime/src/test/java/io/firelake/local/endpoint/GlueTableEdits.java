package io.firelake.local.endpoint;

import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.util.List;
import java.util.function.UnaryOperator;

/** Changes a Glue table's columns through UpdateTable, as `catalog sync` or a console edit would. */
public final class GlueTableEdits {

    private GlueTableEdits() {
    }

    public static void columns(GlueClient glue, String database, String table, UnaryOperator<List<Column>> edit) {
        Table raw = glue.getTable(b -> b.databaseName(database).name(table)).table();
        List<Column> columns = edit.apply(raw.storageDescriptor().columns());
        glue.updateTable(b -> b.databaseName(database).tableInput(TableInput.builder().name(raw.name())
                .tableType(raw.tableType()).parameters(raw.parameters()).partitionKeys(raw.partitionKeys())
                .storageDescriptor(raw.storageDescriptor().toBuilder().columns(columns).build()).build()));
    }
}
