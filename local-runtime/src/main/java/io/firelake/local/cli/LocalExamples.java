package io.firelake.local.cli;

/** The examples of {@code firelake local} and its subcommands' help: lines under picocli's 80 columns (%n breaks). */
final class LocalExamples {

    static final String LOCAL = "%nExamples:%n"
            + "  ./firelake local up --detach   # engines, Firehose, speed layer: background%n"
            + "  ./firelake local status        # what runs, where (exit 3: nothing does)%n"
            + "  ./firelake local down          # buffers delivered, then everything stops%n";

    static final String UP = "%nExamples:%n"
            + "  ./firelake local up            # ports 4566-4569, console 4570; Ctrl-C%n"
            + "  ./firelake local up --detach   # background; ./firelake local down stops it%n"
            + "  ./firelake local up --detach --data-dir /tmp/run --console-port -1 \\%n"
            + "      --aws-port 0 --kinesis-port 0 --s3-port 0 --dynamodb-port 0%n"
            + "                                 # free ports (status prints them), no console%n"
            + "  ./firelake local up --contract contracts/iot-telemetry%n";

    static final String DOWN = "%nExamples:%n"
            + "  ./firelake local down%n"
            + "  ./firelake local down --data-dir /tmp/run   # the local up of that directory%n";

    static final String STATUS = "%nExamples:%n"
            + "  ./firelake local status%n"
            + "  ./firelake local status --data-dir /tmp/run   # exit 0 running, 3 not%n";

    private LocalExamples() {
    }
}
