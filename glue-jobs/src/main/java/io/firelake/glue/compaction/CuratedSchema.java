package io.firelake.glue.compaction;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import org.apache.spark.sql.functions;
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

    /**
     * A struct column rebuilt in the contract's sub-field order, each sub-field taken by name: Spark casts one struct
     * to another by position, and files written before a sub-field was added (or with the sub-fields in another
     * order, as a merged schema may list them) must not shift values into the wrong sub-field. A sub-field a file
     * lacks is null; a null struct stays null.
     */
    public static org.apache.spark.sql.Column structByName(String column, StructType read, StructType wanted) {
        java.util.Set<String> have = new java.util.HashSet<>(java.util.Arrays.asList(read.fieldNames()));
        org.apache.spark.sql.Column[] fields = java.util.Arrays.stream(wanted.fields())
                .map(f -> (have.contains(f.name()) ? functions.col(column).getField(f.name()) : functions.lit(null))
                        .cast(f.dataType()).as(f.name()))
                .toArray(org.apache.spark.sql.Column[]::new);
        return functions.when(functions.col(column).isNull(), functions.lit(null).cast(wanted))
                .otherwise(functions.struct(fields));
    }

    /** Hive/Glue type names are Spark DDL type names too ({@code decimal(12,2)}, {@code timestamp}, {@code bigint}). */
    public static DataType sparkType(String glueType) {
        return DataType.fromDDL(glueType);
    }
}
