package io.firelake.athena.template;

import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the template that is deployed, {@code sam/target/template.yaml}: {@code sam/template.yaml} with the line
 * {@value #MARKER} replaced by the reports' named queries ({@link NamedQueries}), the lake tables' columns those of the
 * contract the build runs with ({@link ContractColumns}), its batch views' tables at {@value ViewTables#MARKER}
 * ({@link ViewTables}), and every relative {@code CodeUri} re-based for the file's
 * folder one level down. The sam module's build runs it; {@code firelake deploy} deploys it.
 */
public final class DeployTemplate {

    /** The line of {@code sam/template.yaml} where the named queries go. */
    public static final String MARKER = "  # @named-queries";

    private static final Pattern CODE_URI = Pattern.compile("(?m)^(\\s+CodeUri: )\\.\\./");

    private DeployTemplate() {
    }

    /** The deployed template's text from the source template's, its lake tables as the source declares them. */
    public static String render(String source) {
        return render(source, NamedQueries.all());
    }

    /**
     * {@link #render(String)} with {@code contract}'s lake table columns, view tables, reports (as named queries) and
     * EventContract parameter.
     */
    public static String render(String source, EventContract contract) {
        return render(ViewTables.apply(ContractColumns.apply(source, contract), contract), NamedQueries.all(contract));
    }

    private static String render(String source, List<NamedQueries.NamedQuery> queries) {
        int at = source.indexOf(MARKER + "\n");
        if (at < 0 || source.indexOf(MARKER + "\n", at + 1) >= 0) {
            throw new IllegalArgumentException("the template must have the line '" + MARKER + "' exactly once");
        }
        String withQueries = source.substring(0, at) + NamedQueries.yaml(queries)
                + source.substring(at + MARKER.length() + 1);
        return CODE_URI.matcher(withQueries).replaceAll("$1../../");
    }

    /** {@code DeployTemplate SOURCE TARGET}: the source template (sam/template.yaml) and where to write it. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: DeployTemplate SOURCE_TEMPLATE TARGET_TEMPLATE");
        }
        Path target = Path.of(args[1]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, render(Files.readString(Path.of(args[0])), Contracts.selected()));
    }
}
