package io.firelake.athena.template;

import io.firelake.config.sam.SamParameters;
import io.firelake.config.sam.SamTemplate;
import io.firelake.config.sam.SamTemplateException;
import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import io.firelake.events.contract.Contracts;
import io.firelake.events.contract.RawSchemaParameters;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployed template's lake tables take their columns from the contract the build runs with ({@code --contract}'s
 * property or {@code FIRELAKE_CONTRACT} at build time, default clickstream): the {@code Columns} of
 * {@value #RAW} and {@value #CURATED} are the contract's enriched columns, the raw table's {@code Parameters} record
 * the contract's raw schema (for the next deploy's check, {@link RawSchemaParameters}), and the {@code EventContract}
 * parameter (which sets the Lambdas' {@code FIRELAKE_CONTRACT}) allows that contract only, so the tables and the
 * functions cannot disagree. The partitioning (RawPrefix, partition keys, projection) follows the contract too
 * ({@link TemplatePartitions}).
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-glue-table-column.html">AWS::Glue::Table Column</a>
 */
public final class ContractColumns {

    public static final String RAW = "RawTable";
    public static final String CURATED = "CuratedTable";
    static final String PARAMETER = "EventContract";

    static final String COLUMN_INDENT = "            - ";
    private static final String PARAMETERS = "\n        Parameters:\n";
    private static final String PARAMETER_INDENT = "          ";
    private static final Pattern PARAMETER_BLOCK = Pattern.compile(
            "(?m)^  " + PARAMETER + ":\\n    Type: String\\n    Default: [^\\n]*\\n    AllowedValues: [^\\n]*\\n");

    private ContractColumns() {
    }

    /** The contract's lake columns, as the Glue tables declare them. */
    public static List<Column> of(EventContract contract) {
        return TableDefinition.of(contract.enriched(), "firelake", "raw_events", "s3://lake/raw/").columns();
    }

    /** {@code template} with both tables' columns and the EventContract parameter set to {@code contract}'s. */
    public static String apply(String template, EventContract contract) {
        if (!Contracts.packagedNames().contains(contract.name())) {
            throw new IllegalArgumentException("contract '" + contract.name() + "' is not packaged in the Lambda jars "
                    + Contracts.packagedNames() + ": put its folder under contracts/ (named as its name) and build again");
        }
        StringBuilder yaml = new StringBuilder();
        for (Column column : of(contract)) {
            yaml.append(COLUMN_INDENT).append(yaml(column));
        }
        String out = TemplatePartitions.apply(
                recorded(columns(columns(template, RAW, yaml.toString()), CURATED, yaml.toString()), contract), contract);
        Matcher parameter = PARAMETER_BLOCK.matcher(out);
        if (!parameter.find()) {
            throw new IllegalArgumentException("the template's " + PARAMETER + " parameter must begin with Type, Default "
                    + "and AllowedValues lines");
        }
        return out.substring(0, parameter.start()) + "  " + PARAMETER + ":\n    Type: String\n    Default: "
                + contract.name() + "\n    AllowedValues: [" + contract.name() + "]\n" + out.substring(parameter.end());
    }

    /** A column as the template's flow mapping, its type quoted when YAML would misread it ({@code decimal(12,2)}). */
    static String yaml(Column column) {
        return "{Name: " + column.name() + ", Type: "
                + (column.type().matches("[a-z]+") ? column.type() : "'" + column.type() + "'") + "}\n";
    }

    /** The contract a rendered template was built for (its EventContract parameter's default), if it names one. */
    public static java.util.Optional<String> builtFor(String template) {
        SamParameters parameters;
        try {
            parameters = SamTemplate.parse(new ByteArrayInputStream(template.getBytes(StandardCharsets.UTF_8)),
                    "the template");
        } catch (SamTemplateException noParameters) {
            return java.util.Optional.empty(); // names no contract: sam, not this, says what else is wrong with it
        }
        SamParameters.Parameter parameter = parameters.parameters().get(PARAMETER);
        return java.util.Optional.ofNullable(parameter == null ? null : parameter.defaultValue());
    }

    private static String columns(String template, String table, String yaml) {
        int resource = template.indexOf("\n  " + table + ":\n");
        int next = resource < 0 ? -1 : nextResource(template, resource + table.length() + 4);
        int list = resource < 0 ? -1 : template.indexOf("\n          Columns:\n", resource);
        if (resource < 0 || list < 0 || list > next) {
            throw new IllegalArgumentException("the template's " + table + " must have a StorageDescriptor with Columns");
        }
        int start = list + "\n          Columns:\n".length();
        int end = start;
        while (template.startsWith(COLUMN_INDENT, end)) {
            end = template.indexOf('\n', end) + 1;
        }
        return template.substring(0, start) + yaml + template.substring(end);
    }

    /** The raw table's Parameters with the contract's record ({@link RawSchemaParameters}) in place of any before. */
    private static String recorded(String template, EventContract contract) {
        int resource = template.indexOf("\n  " + RAW + ":\n");
        int block = template.indexOf(PARAMETERS, resource);
        if (block < 0 || block > nextResource(template, resource + RAW.length() + 4)) {
            throw new IllegalArgumentException("the template's " + RAW + " must have a TableInput with Parameters");
        }
        int start = block + PARAMETERS.length();
        StringBuilder kept = new StringBuilder();
        int end = start;
        while (template.startsWith(PARAMETER_INDENT, end) && template.charAt(end + PARAMETER_INDENT.length()) != ' ') {
            int line = template.indexOf('\n', end) + 1;
            if (!template.startsWith(PARAMETER_INDENT + "firelake.", end)) {
                kept.append(template, end, line);
            }
            end = line;
        }
        StringBuilder yaml = new StringBuilder();
        RawSchemaParameters.of(contract).forEach((key, value) -> yaml.append(PARAMETER_INDENT).append(key)
                .append(": '").append(value.replace("'", "''")).append("'\n"));
        return template.substring(0, start) + yaml + kept + template.substring(end);
    }

    static int nextResource(String template, int from) {
        Matcher next = Pattern.compile("(?m)^  [A-Za-z0-9]+:$").matcher(template);
        return next.find(from) ? next.start() : template.length();
    }
}
