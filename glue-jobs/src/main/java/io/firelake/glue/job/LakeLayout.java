package io.firelake.glue.job;

import io.firelake.config.layout.LakePrefix;
import io.firelake.events.contract.Contracts;

import java.time.LocalDate;

/**
 * Where the batch layer reads and writes under the lake root, a directory or an {@code s3://} URI: the prefixes of
 * the lake that Firehose and the Athena DDL share ({@link LakePrefix}: {@code raw/}, {@code curated/},
 * {@code views/<table>/}), each partitioned by the contract's day column.
 */
public record LakeLayout(String root, String day) {

    /** The lake of the process's contract, whose day partition is {@code day} ({@code event_date} for clickstream). */
    public LakeLayout(String root) {
        this(root, Contracts.selected().lake().day());
    }

    public String raw() {
        return root + "/" + LakePrefix.RAW.key();
    }

    public String rawDay(LocalDate day) {
        return raw() + "/" + this.day + "=" + day;
    }

    public String curated() {
        return root + "/" + LakePrefix.CURATED.key();
    }

    public String curatedDay(LocalDate day) {
        return curated() + "/" + this.day + "=" + day;
    }

    public String view(String table) {
        return root + "/" + LakePrefix.VIEWS.key() + "/" + table;
    }

    /** A file of the jobs' own state, {@code state/<name>}. */
    public String state(String name) {
        return root + "/" + LakePrefix.STATE.key() + "/" + name;
    }

    public String viewDay(String table, LocalDate day) {
        return view(table) + "/" + this.day + "=" + day;
    }
}
