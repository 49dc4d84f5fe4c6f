package io.firelake.glue.job;

import io.firelake.config.layout.LakeBucket;

import java.time.LocalDate;

/**
 * Where the batch layer reads and writes under the lake root, a directory or an {@code s3://} URI: the prefixes of
 * the lake that Firehose and the Athena DDL share ({@link LakeBucket}: {@code raw/}, {@code curated/},
 * {@code views/<table>/}).
 */
public record LakeLayout(String root) {

    public String raw() {
        return root + "/" + LakeBucket.RAW;
    }

    public String rawDay(LocalDate day) {
        return raw() + "/event_date=" + day;
    }

    public String curated() {
        return root + "/" + LakeBucket.CURATED;
    }

    public String curatedDay(LocalDate day) {
        return curated() + "/event_date=" + day;
    }

    public String view(String table) {
        return root + "/" + LakeBucket.VIEWS + "/" + table;
    }

    public String viewDay(String table, LocalDate day) {
        return view(table) + "/event_date=" + day;
    }
}
