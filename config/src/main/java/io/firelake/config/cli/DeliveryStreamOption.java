package io.firelake.config.cli;

import picocli.CommandLine.Option;

/** {@code --delivery-stream}: the Firehose delivery stream a command looks at, by default the SAM template's. */
public final class DeliveryStreamOption extends TemplateNamedOption {

    /** The SAM template's parameter that names the delivery stream. */
    public static final String PARAMETER = "DeliveryStreamName";

    @Option(names = "--delivery-stream", paramLabel = "NAME",
            description = "The Firehose delivery stream (default: the SAM template's " + PARAMETER + ").")
    String name;

    public DeliveryStreamOption() {
        super(PARAMETER);
    }

    @Override
    String option() {
        return name;
    }
}
