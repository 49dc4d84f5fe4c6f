package io.firelake.glue.job;

import java.time.LocalDate;

/**
 * Where the batch layer reads and writes under the lake root: the prefixes of the lake layout that Firehose and the
 * Athena DDL share ({@code raw/}, {@code curated/}, {@code views/<table>/}).
 */
public record LakeLayout(String root) {

    public String raw() {
        return root + "/raw";
    }

    public String rawDay(LocalDate day) {
        return raw() + "/event_date=" + day;
    }

    public String curated() {
        return root + "/curated";
    }

    public String curatedDay(LocalDate day) {
        return curated() + "/event_date=" + day;
    }

    public String view(String table) {
        return root + "/views/" + table;
    }

    public String viewDay(String table, LocalDate day) {
        return view(table) + "/event_date=" + day;
    }
}
