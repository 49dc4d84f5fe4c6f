package io.firelake.endpoint.athena;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The files Athena leaves in the output location: the CSV of a query (a header row, every value double-quoted, quotes
 * doubled, NULL as an empty field), the text of a utility or DDL statement, and a {@code .metadata} file. Athena's metadata file is a binary format of its own; locally
 * it is JSON with the same column information {@code GetQueryResults} answers.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/querying.html">Working with query results</a>
 */
final class ResultFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultFiles() {
    }

    static byte[] csv(QueryEngine.QueryOutcome outcome) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        row(out, outcome.columns().stream().map(QueryEngine.Column::name).toList());
        outcome.rows().forEach(r -> row(out, r));
        return out.toByteArray();
    }

    /** A utility or DDL statement's results: one line a row, its values tab-separated, no header. */
    static byte[] text(QueryEngine.QueryOutcome outcome) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : outcome.rows()) {
            text.append(String.join("\t", row.stream().map(v -> v == null ? "" : v).toList())).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] metadata(QueryEngine.QueryOutcome outcome) {
        ArrayNode columns = JSON.createArrayNode();
        outcome.columns().forEach(c -> columns.addObject().put("name", c.name()).put("type", c.type()));
        return JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("columns", columns)
                .put("rows", outcome.rows().size()).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(ByteArrayOutputStream out, List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String v = values.get(i);
            if (v != null) {
                line.append('"').append(v.replace("\"", "\"\"")).append('"');
            }
        }
        line.append('\n');
        out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
