package io.firelake.endpoint.glue;

import io.firelake.endpoint.glue.expression.PartitionExpressionParser;
import io.firelake.endpoint.glue.expression.PartitionFilter;
import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Glue Data Catalog of the local pipeline: databases, tables with every version, and partitions, kept in the data
 * directory in Glue's own shapes. Names are stored lower-case, as Glue (a Hive metastore) stores them; every update
 * of a table archives the previous version, which {@code GetTableVersions} lists (Firehose's record format conversion
 * reads the latest version of its table this way).
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/aws-glue-api-catalog.html">Glue Data Catalog API</a>
 */
public final class GlueCatalog {

    /** The account id in the catalog's ARNs and {@code CatalogId}s: a fixed, obviously local one. */
    public static final String CATALOG_ID = "000000000000";

    private final JsonFileStore store;
    private final Clock clock;
    private final List<Database> databases;
    private final List<TableVersion> versions;
    private final List<Partition> partitions;

    public GlueCatalog(JsonFileStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.databases = store.load("databases", Database::builder);
        this.versions = store.load("table-versions", TableVersion::builder);
        this.partitions = store.load("partitions", Partition::builder);
    }

    public synchronized Database createDatabase(DatabaseInput input) {
        String name = lower(input.name());
        if (findDatabase(name).isPresent()) {
            throw AwsServiceException.of("AlreadyExistsException", "Database already exists.");
        }
        Database db = Database.builder().name(name).description(input.description()).locationUri(input.locationUri())
                .parameters(input.parameters()).createTime(clock.instant()).catalogId(CATALOG_ID).build();
        databases.add(db);
        store.save("databases", databases);
        return db;
    }

    public synchronized Database database(String name) {
        return findDatabase(lower(name)).orElseThrow(() -> notFound("Database " + lower(name) + " not found."));
    }

    public synchronized List<Database> databases() {
        return databases.stream().sorted(Comparator.comparing(Database::name)).toList();
    }

    public synchronized void updateDatabase(String name, DatabaseInput input) {
        Database old = database(name);
        databases.set(databases.indexOf(old), old.toBuilder().description(input.description())
                .locationUri(input.locationUri()).parameters(input.parameters()).build());
        store.save("databases", databases);
    }

    public synchronized void deleteDatabase(String name) {
        Database db = database(name);
        databases.remove(db);
        versions.removeIf(v -> v.table().databaseName().equals(db.name()));
        partitions.removeIf(p -> p.databaseName().equals(db.name()));
        saveAll();
    }

    public synchronized void createTable(String databaseName, TableInput input) {
        Database db = database(databaseName);
        String name = lower(input.name());
        if (latest(db.name(), name).isPresent()) {
            throw AwsServiceException.of("AlreadyExistsException", "Table already exists.");
        }
        Table table = fromInput(db.name(), input).createTime(clock.instant()).build();
        versions.add(TableVersion.builder().table(table.toBuilder().versionId("0").build()).versionId("0").build());
        store.save("table-versions", versions);
    }

    /** A new version of the table; the previous one stays listed by {@link #tableVersions}. */
    public synchronized void updateTable(String databaseName, TableInput input) {
        Table old = table(databaseName, input.name());
        String version = Integer.toString(Integer.parseInt(old.versionId()) + 1);
        Table table = fromInput(old.databaseName(), input).createTime(old.createTime()).versionId(version).build();
        versions.add(TableVersion.builder().table(table).versionId(version).build());
        store.save("table-versions", versions);
    }

    public synchronized Table table(String databaseName, String tableName) {
        Database db = database(databaseName);
        return latest(db.name(), lower(tableName)).map(TableVersion::table)
                .orElseThrow(() -> notFound("Table " + lower(tableName) + " not found."));
    }

    /** The latest version of every table of the database whose name matches {@code expression} (a regex), if any. */
    public synchronized List<Table> tables(String databaseName, String expression) {
        Database db = database(databaseName);
        Pattern filter = expression == null || expression.isBlank() ? null : regex(expression);
        return versions.stream().map(TableVersion::table).filter(t -> t.databaseName().equals(db.name()))
                .map(Table::name).distinct().sorted()
                .filter(n -> filter == null || filter.matcher(n).matches())
                .map(n -> latest(db.name(), n).orElseThrow().table()).toList();
    }

    /** Every version of the table, newest first. */
    public synchronized List<TableVersion> tableVersions(String databaseName, String tableName) {
        Table latest = table(databaseName, tableName);
        List<TableVersion> all = new ArrayList<>(versions.stream()
                .filter(v -> isOf(v.table(), latest.databaseName(), latest.name())).toList());
        all.sort(Comparator.comparing((TableVersion v) -> Integer.parseInt(v.versionId())).reversed());
        return all;
    }

    public synchronized void deleteTable(String databaseName, String tableName) {
        Table table = table(databaseName, tableName);
        versions.removeIf(v -> isOf(v.table(), table.databaseName(), table.name()));
        partitions.removeIf(p -> p.databaseName().equals(table.databaseName()) && p.tableName().equals(table.name()));
        saveAll();
    }

    /** Adds a partition; answers why not (Glue's per-partition error) or null. */
    public synchronized String createPartition(String databaseName, String tableName, PartitionInput input) {
        Table table = table(databaseName, tableName);
        if (input.values().size() != table.partitionKeys().size()) {
            return "InvalidInputException:The number of partition values (" + input.values().size()
                    + ") does not match the number of partition keys (" + table.partitionKeys().size() + ").";
        }
        if (findPartition(table, input.values()).isPresent()) {
            return "AlreadyExistsException:Partition already exists.";
        }
        partitions.add(Partition.builder().databaseName(table.databaseName()).tableName(table.name())
                .values(input.values()).storageDescriptor(input.storageDescriptor()).parameters(input.parameters())
                .creationTime(clock.instant()).catalogId(CATALOG_ID).build());
        return null;
    }

    public synchronized void savePartitions() {
        store.save("partitions", partitions);
    }

    public synchronized Partition partition(String databaseName, String tableName, List<String> values) {
        return findPartition(table(databaseName, tableName), values)
                .orElseThrow(() -> notFound("Partition not found."));
    }

    /** The partition with these values, if the table has it (the table must exist). */
    public synchronized Optional<Partition> findPartition(String databaseName, String tableName, List<String> values) {
        return findPartition(table(databaseName, tableName), values);
    }

    /** The table's partitions that its partition {@code Expression} selects (all without one). */
    public synchronized List<Partition> partitions(String databaseName, String tableName, String expression) {
        Table table = table(databaseName, tableName);
        PartitionFilter filter = expression == null || expression.isBlank() ? null
                : PartitionExpressionParser.parse(expression, table.partitionKeys().stream()
                        .map(k -> new PartitionExpressionParser.KeyColumn(k.name(), k.type())).toList());
        return partitions.stream()
                .filter(p -> p.databaseName().equals(table.databaseName()) && p.tableName().equals(table.name()))
                .filter(p -> filter == null || filter.test(p.values()))
                .toList();
    }

    /** Removes a partition; answers false when there was none. */
    public synchronized boolean deletePartition(String databaseName, String tableName, List<String> values) {
        Optional<Partition> found = findPartition(table(databaseName, tableName), values);
        found.ifPresent(partitions::remove);
        return found.isPresent();
    }

    private Table.Builder fromInput(String databaseName, TableInput input) {
        return Table.builder().name(lower(input.name())).databaseName(databaseName).description(input.description())
                .owner(input.owner()).updateTime(clock.instant()).retention(input.retention())
                .storageDescriptor(input.storageDescriptor()).partitionKeys(input.partitionKeys())
                .tableType(input.tableType()).parameters(input.parameters())
                .viewOriginalText(input.viewOriginalText()).viewExpandedText(input.viewExpandedText())
                .isRegisteredWithLakeFormation(false).catalogId(CATALOG_ID);
    }

    private Optional<TableVersion> latest(String db, String table) {
        return versions.stream().filter(v -> isOf(v.table(), db, table))
                .max(Comparator.comparing((TableVersion v) -> Integer.parseInt(v.versionId())));
    }

    private Optional<Database> findDatabase(String name) {
        return databases.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private Optional<Partition> findPartition(Table table, List<String> values) {
        return partitions.stream().filter(p -> p.databaseName().equals(table.databaseName())
                && p.tableName().equals(table.name()) && p.values().equals(values)).findFirst();
    }

    private static boolean isOf(Table t, String db, String name) {
        return t.databaseName().equals(db) && t.name().equals(name);
    }

    private void saveAll() {
        store.save("databases", databases);
        store.save("table-versions", versions);
        store.save("partitions", partitions);
    }

    private static Pattern regex(String expression) {
        try {
            return Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw AwsServiceException.of("InvalidInputException", "Expression is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    static AwsServiceException notFound(String message) {
        return AwsServiceException.of("EntityNotFoundException", message);
    }
}
