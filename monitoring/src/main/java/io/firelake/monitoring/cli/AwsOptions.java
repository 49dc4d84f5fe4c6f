package io.firelake.monitoring.cli;

import io.firelake.monitoring.aws.AwsClients;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.Optional;

/** {@code --endpoint} and {@code --region}, mixed into the commands that call AWS or a local stand-in for it. */
final class AwsOptions {

    @Option(names = "--endpoint", description = "Send every AWS call to this endpoint: a local emulator or stub, such "
            + "as the local runtime's kinesalite for Kinesis (http://127.0.0.1:4567).")
    URI endpoint;

    @Option(names = "--region", description = "AWS region (default: the default region chain).")
    String region;

    /** Whether either option was given, which tells monitor to read AWS rather than the local files. */
    boolean given() {
        return endpoint != null || region != null;
    }

    /** Clients for these options; unset ones fall back to the SDK's default chains. */
    AwsClients clients() {
        return new AwsClients(Optional.ofNullable(endpoint), Optional.ofNullable(region).map(Region::of));
    }
}
