package io.firelake.producer.cli;

import io.firelake.config.cli.ContractOption;
import io.firelake.producer.replay.JsonLinesSource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "replay", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Send JSON lines from a file or standard input to a Kinesis stream, or with --delivery-stream to a "
                    + "Firehose delivery stream (Direct PUT), each line as one record, byte for byte (lines that are "
                    + "not valid JSON are sent too: replaying bad input is the point).",
            "The partition key (Kinesis only) is the line's field with the contract's partition_key role "
                    + "(clickstream: session_id), or a hash of the line when it has none.", ""},
        footer = {"", "Examples:",
            "  java -jar producer/target/firelake-producer.jar replay events.jsonl \\",
            "    --endpoint http://127.0.0.1:4567",
            "",
            "  zcat capture.jsonl.gz | java -jar firelake-producer.jar replay - \\",
            "    --stream firelake-events --rate 500 --manifest replay-manifest.jsonl",
            "",
            "  java -jar firelake-producer.jar replay events.jsonl --delivery-stream orders-direct",
            "",
            "Exit status: 0 all delivered, 2 bad usage, 3 some records undeliverable",
            "(each listed in the manifest with its error)."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SendOptions send;
    @Mixin
    ContractOption contract;

    @Parameters(index = "0", paramLabel = "FILE", defaultValue = "-",
            description = "JSON lines file; '-' (the default) reads standard input.")
    String file;

    @Override
    public Integer call() throws Exception {
        InputStream in;
        if ("-".equals(file)) {
            in = System.in;
        } else if (Files.isDirectory(Path.of(file))) {
            throw new ParameterException(spec.commandLine(), file + " is a directory: name a JSON lines file");
        } else {
            try {
                in = Files.newInputStream(Path.of(file));
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "no such file: " + file);
            }
        }
        try (JsonLinesSource source = new JsonLinesSource(in, contract.contract())) {
            return Runner.run(send, source, 0, send.duration, System.out, System.err);
        }
    }
}
