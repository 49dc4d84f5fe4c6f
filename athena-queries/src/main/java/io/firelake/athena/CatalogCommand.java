package io.firelake.athena;

import io.firelake.athena.catalog.CatalogDrift.Drift;
import io.firelake.athena.catalog.CatalogDrift.MissingTable;
import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.glue.GlueCatalogSync;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.config.cli.ContractOption;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.config.cli.GlueDatabaseOption;
import io.firelake.config.layout.DataLayout;
import io.firelake.events.contract.Contracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code firelake catalog check|sync}: the Glue tables of the lake against the event contract (through
 * {@link GlueCatalogSync}), on AWS or on any endpoint that serves Glue, such as the local pipeline's.
 *
 * <p>It lives here, beside {@code report}, because everything it compares comes from this module: the tables' DDL
 * rendered from the contract ({@link LakeTables}), their Glue shape ({@code GlueTableInputs}) and the Glue SDK; the
 * CLI in {@code local-runtime} only mounts it.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {CatalogCommand.Check.class, CatalogCommand.Sync.class},
        description = {
                "The Glue tables of the lake against the event contract: the columns (names and types) and partition "
                        + "keys of raw_events and curated_events (from the contract's Avro schemas), of the batch "
                        + "views and of delivery_errors (their Athena DDL).",
                "On AWS (default credentials and region) or, with --endpoint-url (or $"
                        + EndpointOptions.ENDPOINT_VARIABLE + "), on any endpoint that serves Glue, such as the one "
                        + "of 'firelake local up' (http://127.0.0.1:4566)."},
        footerHeading = "%nExamples:%n",
        footer = {"  firelake catalog check                         # the stack's tables on AWS",
                "  firelake catalog check --endpoint-url http://127.0.0.1:4566    # local up",
                "  firelake catalog sync --region eu-west-1 --database shop --table raw_events",
                "  firelake catalog sync --lake s3://my-lake-bucket   # where missing tables go"})
public final class CatalogCommand implements Callable<Integer> {

    static final int EXIT_DRIFT = 1;
    static final int EXIT_CANNOT_CHECK = 2;

    @Spec
    CommandSpec spec;

    /** The one-line usage error of every command (exit 2), not the whole usage after it. */
    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give a subcommand, check or sync");
    }

    /** Where the tables are: the endpoint and region, the database, which tables. */
    static final class Target {
        @Mixin
        EndpointOptions aws;

        @Mixin
        GlueDatabaseOption database;

        @Option(names = "--table", paramLabel = "NAME", split = ",",
                description = "Only these tables, comma-separated or repeated (default: all of "
                        + "raw_events, curated_events, traffic_hourly, sessions, funnel_daily, revenue_daily, "
                        + "delivery_errors).")
        List<String> tables;

        List<String> tables() {
            if (tables == null || tables.isEmpty()) {
                return LakeTables.all();
            }
            tables.stream().filter(t -> !LakeTables.all().contains(t)).findFirst().ifPresent(t -> {
                throw new IllegalArgumentException("unknown table '" + t + "'; the lake's tables: "
                        + String.join(", ", LakeTables.all()));
            });
            return List.copyOf(tables);
        }

        ClientSettings settings() {
            return ClientSettings.forEndpoint(aws.endpoint().orElse(null), aws.region().orElse(null));
        }

        String where() {
            return aws.endpoint().map(URI::toString).orElse("AWS");
        }
    }

    /**
     * A subcommand: opens a Glue client, makes sure the database is there, does its work; bad input and Glue's
     * refusals become one line and exit 2, never a stack trace.
     */
    abstract static class OnGlue implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Mixin
        ContractOption contract;

        /** The subcommand's work on an existing database; answers the exit code. */
        abstract int work(GlueCatalogSync catalog, List<String> tables, PrintWriter out, PrintWriter err);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String prefix = "firelake catalog " + spec.name() + ": ";
            try {
                List<String> tables = target.tables();
                String database = target.database.resolve();
                try (GlueClient glue = AwsClientFactory.of(target.settings())
                        .sync(GlueClient.builder(), SyncHttp.urlConnection()).build()) {
                    try {
                        glue.getDatabase(b -> b.name(database));
                    } catch (EntityNotFoundException e) {
                        err.println(prefix + "no database '" + database + "' in the Glue catalog at "
                                + target.where() + ": deploy the SAM stack (or start 'firelake local up'), which "
                                + "creates it with its tables, or name another with --database");
                        return EXIT_CANNOT_CHECK;
                    }
                    return work(new GlueCatalogSync(glue, database), tables, out, err);
                }
            } catch (IllegalArgumentException e) {
                err.println(prefix + e.getMessage());
            } catch (SdkException e) {
                err.println(prefix + "Glue at " + target.where() + ": " + e.getMessage());
            } finally {
                out.flush();
                err.flush();
            }
            return EXIT_CANNOT_CHECK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Prints each drift of the Glue tables from the contract: missing table, missing column, "
                    + "wrong type, extra column, partition keys, a view's description.",
                    "A column of raw_events or curated_events that the contract removes or retypes is also named as "
                            + "a breaking drift: files already written hold it, so 'firelake deploy' refuses that "
                            + "contract (add an optional field instead, or deploy a new contract and table). So is "
                            + "a raw field the contract removes while required, retypes or adds as required, judged "
                            + "against the raw schema raw_events records in its parameters (firelake.raw_schema), and a "
                            + "changed event id or event time field (firelake.event_id, firelake.event_time).",
                    "Exit 0: no drift; 1: drift (fix it with 'firelake catalog sync'); 2: bad options, no such "
                            + "database, or Glue cannot be reached."},
            footerHeading = "%nExamples:%n",
            footer = {"  firelake catalog check --endpoint-url http://127.0.0.1:4566",
                    "  firelake catalog check --region eu-west-1 --database shop --table raw_events"})
    static final class Check extends OnGlue {
        @Override
        int work(GlueCatalogSync catalog, List<String> tables, PrintWriter out, PrintWriter err) {
            List<Drift> drifts = catalog.check(tables);
            drifts.forEach(d -> out.println(d.describe()));
            String database = target.database.resolve();
            if (drifts.isEmpty()) {
                out.printf("%d tables of %s at %s match the contract%n", tables.size(), database, target.where());
                return 0;
            }
            long drifted = drifts.stream().map(Drift::table).distinct().count();
            out.printf("%d drift%s in %d of %d tables of %s at %s: 'firelake catalog sync' applies the contract%n",
                    drifts.size(), drifts.size() == 1 ? "" : "s", drifted, tables.size(), database, target.where());
            for (String table : tables.stream().filter(LakeTables.CONTRACT_TABLES::contains).toList()) {
                catalog.evolution(table, Contracts.selected()).filter(v -> !v.compatible()).ifPresent(v ->
                        out.println(table + ": breaking drift, the contract cannot replace the one this table holds "
                                + "(firelake deploy refuses it): " + String.join("; ", v.breaking())));
            }
            return EXIT_DRIFT;
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Applies the contract to the Glue tables and prints what it did: UpdateTable with the "
                    + "contract's columns, keeping every other setting (location, SerDe, partition projection, "
                    + "description) in a new table version; CreateTable for a missing table.",
                    "Partition keys cannot change in place: such a drift is printed and left (exit 1).",
                    "A missing table is created under --lake, else where the database's other lake tables are, "
                            + "else, on a loopback endpoint, in the local pipeline's bucket s3://"
                            + DataLayout.LAKE_BUCKET + "."},
            footerHeading = "%nExamples:%n",
            footer = {"  firelake catalog sync --endpoint-url http://127.0.0.1:4566",
                    "  firelake catalog sync --region eu-west-1 --lake s3://my-lake-bucket"})
    static final class Sync extends OnGlue {
        @Option(names = "--lake", paramLabel = "s3://BUCKET",
                description = "The lake's root, for the tables that must be created (default: that of the "
                        + "database's other lake tables; the SAM stack's is its LakeBucketName output).")
        String lake;

        @Override
        int work(GlueCatalogSync catalog, List<String> tables, PrintWriter out, PrintWriter err) {
            Optional<String> given = givenLake();
            List<Drift> before = catalog.check(tables);
            before.forEach(d -> out.println(d.describe()));
            String root = before.stream().anyMatch(MissingTable.class::isInstance) ? lakeRoot(given, catalog) : null;
            List<String> done = catalog.sync(tables, root);
            done.forEach(out::println);
            List<Drift> left = catalog.check(tables);
            left.forEach(d -> err.println("firelake catalog sync: left as it is: " + d.describe()));
            out.printf("%s at %s: %d of %d tables changed%s%n", target.database.resolve(), target.where(),
                    done.size(), tables.size(), root == null ? "" : " (missing ones created under " + root + ")");
            return left.isEmpty() ? 0 : EXIT_DRIFT;
        }

        /** {@code --lake} without its trailing slash, if given; an s3:// URI with a valid bucket name. */
        private Optional<String> givenLake() {
            if (lake == null) {
                return Optional.empty();
            }
            if (!lake.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?")) {
                throw new IllegalArgumentException("--lake '" + lake + "' is not an s3://BUCKET URI");
            }
            return Optional.of(lake.endsWith("/") ? lake.substring(0, lake.length() - 1) : lake);
        }

        private String lakeRoot(Optional<String> given, GlueCatalogSync catalog) {
            if (given.isPresent()) {
                return given.get();
            }
            Optional<String> existing = catalog.lakeRoot();
            if (existing.isPresent()) {
                return existing.get();
            }
            if (target.settings().local()) {
                return "s3://" + DataLayout.LAKE_BUCKET;
            }
            throw new IllegalArgumentException("tables are missing and no other lake table says where the lake is: "
                    + "give --lake s3://BUCKET (the SAM stack's LakeBucketName output)");
        }
    }
}
