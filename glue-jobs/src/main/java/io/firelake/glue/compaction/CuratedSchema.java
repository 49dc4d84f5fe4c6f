package io.firelake.glue.compaction;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** The Spark schema of the lake's data columns, derived from the event contract's Glue columns. */
public final class CuratedSchema {

    private CuratedSchema() {
    }

    public static List<Column> dataColumns(EventContract contract) {
        return TableDefinition.of(contract.enriched(), "firelake", "raw_events", "lake/raw/").columns();
    }

    public static StructType sparkSchema(EventContract contract) {
        return new StructType(dataColumns(contract).stream()
                .map(c -> new StructField(c.name(), sparkType(c.type()), true,
                        org.apache.spark.sql.types.Metadata.empty()))
                .toArray(StructField[]::new));
    }

    /** Hive/Glue type names are Spark DDL type names too ({@code decimal(12,2)}, {@code timestamp}, {@code bigint}). */
    public static DataType sparkType(String glueType) {
        return DataType.fromDDL(glueType);
    }
}
