package io.firelake.athena.template;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.config.layout.LakePrefix;
import io.firelake.events.EventContract;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployed template's partitioning is the contract's: the {@code RawPrefix} default Firehose writes under
 * ({@link LakePrefix#firehosePrefix}, keys from the transform's {@code metadata.partitionKeys}), and the raw and
 * curated tables' {@code PartitionKeys} and partition projection ({@code projection.*},
 * {@code storage.location.template}): the enriched schema's partition keys for raw, its first (the day) for curated.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html">Athena partition projection</a>
 */
final class TemplatePartitions {

    private static final String PARAMETER_INDENT = "          ";
    private static final String KEY_INDENT = "          - ";
    private static final Pattern RAW_PREFIX = Pattern.compile("(?m)^(  RawPrefix:\\n    Type: String\\n    Default: )"
            + "[^\\n]*\\n");

    private TemplatePartitions() {
    }

    static String apply(String template, EventContract contract) {
        Matcher prefix = RAW_PREFIX.matcher(template);
        if (!prefix.find()) {
            throw new IllegalArgumentException("the template's RawPrefix parameter must begin with Type and Default lines");
        }
        String out = template.substring(0, prefix.start()) + prefix.group(1)
                + LakePrefix.RAW.firehosePrefix(names(contract.enriched())) + "\n" + template.substring(prefix.end());
        out = table(out, ContractColumns.RAW, contract.enriched(), LakeTables.prefix(LakeTables.RAW));
        return table(out, ContractColumns.CURATED, LakeTables.curatedSchema(contract),
                LakeTables.prefix(LakeTables.CURATED));
    }

    private static String table(String template, String table, EventSchema schema, String prefix) {
        int resource = template.indexOf("\n  " + table + ":\n");
        int end = ContractColumns.nextResource(template, resource + table.length() + 4);
        String body = template.substring(resource, end);
        List<FieldSpec> keys = schema.partitionFields();
        StringBuilder projection = new StringBuilder(PARAMETER_INDENT).append("projection.enabled: 'true'\n");
        for (FieldSpec key : keys) {
            key.projection().forEach((property, value) -> projection.append(PARAMETER_INDENT).append("projection.")
                    .append(key.name()).append('.').append(property).append(": ").append(scalar(value)).append('\n'));
        }
        StringBuilder location = new StringBuilder("s3://${LakeBucket}/").append(prefix);
        keys.forEach(k -> location.append(k.name()).append("=${!").append(k.name()).append("}/"));
        projection.append(PARAMETER_INDENT).append("storage.location.template: !Sub '").append(location).append("'\n");
        StringBuilder partitionKeys = new StringBuilder();
        keys.forEach(k -> partitionKeys.append(KEY_INDENT).append("{Name: ").append(k.name()).append(", Type: string}\n"));
        body = replaceLines(body, "\n        Parameters:\n", PARAMETER_INDENT,
                line -> line.startsWith("projection.") || line.startsWith("storage.location.template:"),
                projection.toString(), table);
        body = replaceLines(body, "\n        PartitionKeys:\n", KEY_INDENT, line -> true, partitionKeys.toString(), table);
        return template.substring(0, resource) + body + template.substring(end);
    }

    /**
     * The lines at {@code indent} under {@code block} that {@code replaced} selects give way to {@code lines}, put
     * where the first of them was; the other lines stay.
     */
    private static String replaceLines(String body, String block, String indent,
                                       java.util.function.Predicate<String> replaced, String lines, String table) {
        int start = body.indexOf(block);
        if (start < 0) {
            throw new IllegalArgumentException("the template's " + table + " must have" + block.strip());
        }
        int at = start + block.length();
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        boolean found = false;
        while (body.startsWith(indent, at) && body.charAt(at + indent.length()) != ' ') {
            int next = body.indexOf('\n', at) + 1;
            String line = body.substring(at, next);
            if (replaced.test(line.substring(indent.length()))) {
                found = true;
            } else {
                (found ? after : before).append(line);
            }
            at = next;
        }
        return body.substring(0, start + block.length()) + before + lines + after + body.substring(at);
    }

    /** A projection value as YAML text: quoted when YAML would read it as a number or a boolean. */
    static String scalar(String value) {
        return value.matches("-?[0-9]+(\\.[0-9]+)?|true|false") ? "'" + value + "'" : value;
    }

    private static List<String> names(EventSchema schema) {
        return schema.partitionFields().stream().map(FieldSpec::name).toList();
    }
}
