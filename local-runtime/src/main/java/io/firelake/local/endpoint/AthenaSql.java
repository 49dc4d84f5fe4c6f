package io.firelake.local.endpoint;

import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.AddColumn;
import io.trino.sql.tree.Comment;
import io.trino.sql.tree.CreateSchema;
import io.trino.sql.tree.CreateTable;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.DropColumn;
import io.trino.sql.tree.DropSchema;
import io.trino.sql.tree.DropTable;
import io.trino.sql.tree.DropView;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NodeLocation;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.RenameColumn;
import io.trino.sql.tree.RenameSchema;
import io.trino.sql.tree.RenameTable;
import io.trino.sql.tree.RenameView;
import io.trino.sql.tree.SetColumnType;
import io.trino.sql.tree.SetProperties;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.Table;
import io.trino.sql.tree.TableFunctionInvocation;
import io.trino.sql.tree.WithQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Athena statement as the local engine reads it: parsed by Trino's own parser (Athena engine version 3 is Trino),
 * with the tables it reads (not its WITH names), where each is written, and its {@code ?} parameters.
 */
final class AthenaSql {

    private static final SqlParser PARSER = new SqlParser();
    private static final Set<Class<? extends Statement>> DEFINITIONS = Set.of(CreateSchema.class, CreateTable.class,
            CreateView.class, DropSchema.class, DropTable.class, DropView.class, RenameSchema.class, RenameTable.class,
            RenameView.class, AddColumn.class, DropColumn.class, RenameColumn.class, SetColumnType.class,
            SetProperties.class, Comment.class);
    /** A possibly qualified name as written: identifiers, bare or double-quoted, joined by dots. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile(
            "(?:\"(?:[^\"]|\"\")*\"|[A-Za-z0-9_@:$]+)(?:\\s*\\.\\s*(?:\"(?:[^\"]|\"\")*\"|[A-Za-z0-9_@:$]+))*");

    /**
     * A table the statement reads.
     *
     * @param parts  its name's parts as Trino resolves them (lower case): {@code [table]}, {@code [schema, table]} or
     *               {@code [catalog, schema, table]}
     * @param node   the parsed reference
     * @param offset where it starts in the statement's text
     */
    record TableRef(List<String> parts, Table node, String location, int offset) {
        String name() {
            return parts.get(parts.size() - 1);
        }
    }

    private final String sql;
    private final Statement statement;
    private final Set<String> withNames = new HashSet<>();

    private AthenaSql(String sql, Statement statement) {
        this.sql = sql;
        this.statement = statement;
        walk(statement, n -> {
            if (n instanceof WithQuery w) {
                withNames.add(w.getName().getCanonicalValue().toLowerCase());
            }
        });
    }

    /**
     * Parses the statement.
     *
     * @throws ParsingException with Trino's message, {@code line 1:8: mismatched input 'FRM'. Expecting: ...}
     */
    static AthenaSql parse(String sql) {
        return new AthenaSql(sql, PARSER.createStatement(sql));
    }

    /** A parameter value (a SQL literal of {@code ExecutionParameters}) as Trino parses it. */
    static io.trino.sql.tree.Expression parseLiteral(String value) {
        return PARSER.createExpression(value);
    }

    Statement statement() {
        return statement;
    }

    /** Whether this is a query (SELECT, WITH, VALUES, TABLE), the only statements the local engine runs. */
    boolean isQuery() {
        return statement instanceof Query;
    }

    /**
     * Whether it defines or changes the catalog (CREATE/DROP/ALTER of a table, view or database), which Athena's
     * {@code StatementType} calls DDL; {@code CREATE TABLE AS SELECT}, INSERT and DELETE are DML there.
     */
    boolean isDefinition() {
        return DEFINITIONS.contains(statement.getClass());
    }

    /** The kind of statement, for the refusal of what is not a query: {@code CreateTable}, {@code ShowTables}... */
    String kind() {
        return statement.getClass().getSimpleName();
    }

    /** Whether it calls a table function ({@code TABLE(f(...))}), which the lake's engine does not serve. */
    boolean callsTableFunction() {
        List<Node> found = new ArrayList<>();
        walk(statement, n -> {
            if (n instanceof TableFunctionInvocation) {
                found.add(n);
            }
        });
        return !found.isEmpty();
    }

    /** The names the statement's WITH clauses define (a table reference by one of them is not a table). */
    Set<String> withNames() {
        return Set.copyOf(withNames);
    }

    /** The tables it reads, in the order they are written. */
    List<TableRef> tables() {
        List<TableRef> tables = new ArrayList<>();
        walk(statement, n -> {
            if (n instanceof Table t && !(t.getName().getParts().size() == 1
                    && withNames.contains(t.getName().getSuffix()))) {
                NodeLocation at = t.getLocation().orElse(new NodeLocation(1, 1));
                tables.add(new TableRef(t.getName().getParts(), t,
                        "line " + at.getLineNumber() + ":" + at.getColumnNumber(), offset(at)));
            }
        });
        tables.sort(Comparator.comparingInt(TableRef::offset));
        return tables;
    }

    /** How many {@code ?} the statement has. */
    int parameterCount() {
        Set<Integer> ids = new HashSet<>();
        walk(statement, n -> {
            if (n instanceof Parameter p) {
                ids.add(p.getId());
            }
        });
        return ids.size();
    }

    /**
     * The statement's text with each qualified table name ({@code firelake.sessions},
     * {@code awsdatacatalog.firelake.sessions}) written as the table alone, as the local database has the lake's
     * tables in one schema.
     */
    String withBareTableNames() {
        StringBuilder text = new StringBuilder(sql);
        List<TableRef> tables = new ArrayList<>(tables());
        tables.sort(Comparator.comparingInt(TableRef::offset).reversed());
        for (TableRef t : tables) {
            if (t.parts().size() > 1) {
                Matcher m = QUALIFIED_NAME.matcher(sql).region(t.offset(), sql.length());
                if (m.lookingAt()) {
                    text.replace(m.start(), m.end(), "\"" + t.name().replace("\"", "\"\"") + "\"");
                }
            }
        }
        return text.toString();
    }

    private int offset(NodeLocation at) {
        int line = 1;
        int i = 0;
        while (line < at.getLineNumber() && i < sql.length()) {
            if (sql.charAt(i++) == '\n') {
                line++;
            }
        }
        return Math.min(sql.length(), i + at.getColumnNumber() - 1);
    }

    static void walk(Node node, Consumer<Node> visit) {
        visit.accept(node);
        for (Node child : node.getChildren()) {
            walk(child, visit);
        }
    }
}
