package io.firelake.config.cli;

import io.firelake.config.sam.SamTemplate;
import picocli.CommandLine.Option;

import java.util.Optional;

/** {@code --stream}: the Kinesis data stream a command sends to or checks, by default the SAM template's. */
public final class StreamOption {

    /** The SAM template's parameter that names the stream. */
    public static final String PARAMETER = "StreamName";

    @Option(names = "--stream", paramLabel = "NAME",
            description = "The Kinesis data stream (default: the SAM template's " + PARAMETER + ").")
    String name;

    /** The name given on the command line, if any. */
    public Optional<String> given() {
        return Optional.ofNullable(name);
    }

    /** The name given, else the SAM template's (which fails loudly if the template cannot say). */
    public String resolve() {
        return name != null ? name : SamTemplate.load().text(PARAMETER);
    }
}
