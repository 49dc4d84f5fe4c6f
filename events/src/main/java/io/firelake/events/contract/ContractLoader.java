package io.firelake.events.contract;

import io.firelake.events.EventContract;
import io.firelake.events.schema.AvroDefaults;
import io.firelake.events.schema.AvroSchemaReader;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.SchemaException;
import io.firelake.events.schema.SubFieldException;
import io.firelake.events.yaml.YamlSetting;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a contract folder ({@code contracts/NAME/}: {@code contract.yaml}, the two Avro schemas it names, lookup tables,
 * {@code views/*.sql} and {@code reports/*.sql}) into an {@link EventContract}, checking every reference on the way so
 * that an error names the file, the line and the field to fix. The format is in docs/contracts.md.
 */
public final class ContractLoader {

    public static final String CONTRACT_FILE = "contract.yaml";
    public static final String VIEWS = "views";
    public static final String REPORTS = "reports";
    static final Set<String> KEYS = Set.of("name", "description", "schemas", "roles", "enrichments", "simulator",
            VIEWS, REPORTS);
    private static final YamlSetting.Words WORDS = new YamlSetting.Words("is required", "must be a non-empty text",
            "must be a mapping of names to values", "must be a list", "unknown key; expected one of ");

    private ContractLoader() {
    }

    /** The contract in a folder on disk. */
    public static EventContract load(Path dir) {
        return load(ContractSource.directory(dir));
    }

    public static EventContract load(ContractSource source) {
        byte[] yaml = source.read(CONTRACT_FILE).orElseThrow(() -> new ContractException(
                source.describe(CONTRACT_FILE), 0, "", "no such file: a contract folder starts with its contract.yaml"));
        YamlSetting root = root(source.describe(CONTRACT_FILE), yaml).onlyKeys(KEYS);
        YamlSetting nameNode = root.child("name");
        String name = nameNode.text();
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw nameNode.error("'" + name + "' must be lower-case letters, digits, '-' or '_', starting with a letter");
        }
        YamlSetting schemas = root.child("schemas").onlyKeys(Set.of("raw", "enriched"));
        byte[] rawAvsc = file(source, schemas.child("raw"));
        AvroSchemaReader reader = new AvroSchemaReader();
        EventSchema raw = Roles.apply(schema(reader, source, schemas.child("raw"), rawAvsc), root.child("roles"));
        EventSchema enriched = schema(reader, source, schemas.child("enriched"),
                file(source, schemas.child("enriched")));
        Map<String, Object> defaults = AvroDefaults.read(rawAvsc);
        Map<String, Enrichment> enrichments = new EnrichmentReader(raw, enriched, source)
                .read(root.child("enrichments"), schemas.child("enriched"));
        SimulatorHints hints = HintsReader.read(root.child("simulator"), raw);
        enriched = Projections.complete(enriched, enrichments, schemas.child("enriched"));
        EventContract contract;
        try {
            contract = new EventContract(name, raw, enriched, defaults, enrichments, hints,
                    sql(source, VIEWS, root.child(VIEWS)), sql(source, REPORTS, root.child(REPORTS)),
                    new String(rawAvsc, StandardCharsets.UTF_8));
        } catch (ContractException e) {
            throw e;
        } catch (SchemaException e) {
            throw root.error(e.getMessage());
        }
        try {
            contract.lake();
        } catch (IllegalArgumentException e) {
            throw root.child("enrichments").error(e.getMessage() + ": the batch layer and accounting need it");
        }
        for (SqlFile view : contract.views()) {
            BatchView.of(view, source.describe(VIEWS + "/" + view.name() + ".sql"), contract.lake().day());
        }
        return contract;
    }

    /** The root of contract.yaml, whose errors name the key's own line; {@code file} is how they name the file. */
    private static YamlSetting root(String file, byte[] yaml) {
        return YamlSetting.read(new InputStreamReader(new ByteArrayInputStream(yaml), StandardCharsets.UTF_8),
                new YamlSetting.Dialect((line, path, problem) -> new ContractException(file, line, path, problem),
                        e -> new ContractException(file, e.line(), "", e.problem()), YamlSetting.Lines.KEY, WORDS));
    }

    private static byte[] file(ContractSource source, YamlSetting node) {
        String file = node.text();
        return source.read(file).orElseThrow(() -> node.error("no file " + source.describe(file)));
    }

    private static EventSchema schema(AvroSchemaReader reader, ContractSource source, YamlSetting node, byte[] avsc) {
        String file = source.describe(node.text());
        EventSchema schema;
        try {
            schema = reader.read(new String(avsc, StandardCharsets.UTF_8));
        } catch (SubFieldException e) {
            throw new ContractException(file, AvscLines.lineOf(avsc, e.path()), e.path(), e.problem());
        } catch (SchemaException e) {
            throw new ContractException(file, 0, "", e.getMessage());
        }
        for (FieldSpec field : schema.fields()) {
            if (!field.role().isEmpty()) {
                throw new ContractException(file, 0, field.name(), "\"firelake.role\" belongs in contract.yaml's roles");
            }
        }
        return schema;
    }

    /** The folder's SQL files: those {@code order} lists first, in its order, then the others by name. */
    private static List<SqlFile> sql(ContractSource source, String folder, YamlSetting order) {
        List<String> files = new ArrayList<>(source.list(folder, ".sql"));
        List<String> ordered = new ArrayList<>();
        for (YamlSetting item : order.items()) {
            String file = item.text() + ".sql";
            if (!files.remove(file)) {
                throw item.error("no file " + source.describe(folder + "/" + file));
            }
            ordered.add(file);
        }
        ordered.addAll(files);
        List<SqlFile> sql = new ArrayList<>();
        for (String name : ordered) {
            byte[] text = source.read(folder + "/" + name).orElseThrow();
            sql.add(SqlFile.of(name, new String(text, StandardCharsets.UTF_8)));
        }
        return sql;
    }
}
