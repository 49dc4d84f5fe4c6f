package io.firelake.config.cli;

import picocli.CommandLine.Option;

/** {@code --database}: the Glue database of the lake's tables, by default the SAM template's. */
public final class GlueDatabaseOption extends TemplateNamedOption {

    /** The SAM template's parameter that names the database. */
    public static final String PARAMETER = "GlueDatabaseName";

    @Option(names = "--database", paramLabel = "NAME",
            description = "The Glue database of the lake's tables (default: the SAM template's " + PARAMETER + ").")
    String name;

    public GlueDatabaseOption() {
        super(PARAMETER);
    }

    @Override
    String option() {
        return name;
    }
}
