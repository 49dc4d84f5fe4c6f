package io.firelake.config.cli;

import picocli.CommandLine.Option;

/** {@code --stream}: the Kinesis data stream a command sends to or checks, by default the SAM template's. */
public final class StreamOption extends TemplateNamedOption {

    /** The SAM template's parameter that names the stream. */
    public static final String PARAMETER = "StreamName";

    @Option(names = "--stream", paramLabel = "NAME",
            description = "The Kinesis data stream (default: the SAM template's " + PARAMETER + ").")
    String name;

    public StreamOption() {
        super(PARAMETER);
    }

    @Override
    String option() {
        return name;
    }
}
