package io.firelake.athena.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What a report returned and what it cost to read.
 *
 * @param rows         values as the engine typed them (Long, Double, BigDecimal, Boolean, String; null allowed)
 * @param bytesScanned Athena's data scanned, or locally the bytes of the files in the selected partitions
 * @param filesScanned files read locally; -1 when the engine does not say (Athena)
 * @param tableBytes   locally, the size of the whole tables the report reads (what it would read without pruning);
 *                     -1 on Athena
 * @param costUsd      what Athena bills for the scan; empty locally
 */
public record ReportResult(List<String> columns, List<List<Object>> rows, long bytesScanned, long filesScanned,
                           long tableBytes, OptionalDouble costUsd) {

    public ReportResult {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        rows.forEach(r -> copy.add(Collections.unmodifiableList(new ArrayList<>(r))));
        rows = Collections.unmodifiableList(copy);
    }

    public Object value(int row, String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.get(row).get(index);
    }
}
