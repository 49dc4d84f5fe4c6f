package io.firelake.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.transform.firehose.FirehoseEvent;
import io.firelake.transform.firehose.FirehoseEventReader;
import io.firelake.transform.firehose.MalformedEventException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar firelake-firehose-transform.jar [--check] [REQUEST.json]}: the transform on one Firehose
 * data-transformation request, for local use and for the build's smoke test of the shaded jar. A file that cannot be
 * read, or a request that is not a Firehose event, is one line and exit 2, not a stack trace or an empty answer and 0.
 */
final class TransformCommandLine {

    static final int EXIT_CHECK_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final String NAME = "firelake-firehose-transform";

    private TransformCommandLine() {
    }

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) throws IOException {
        boolean check = false;
        Path file = null;
        for (String arg : args) {
            switch (arg) {
                case "-h", "--help" -> {
                    out.println(String.join("\n",
                            "Usage: java -jar firelake-firehose-transform.jar [--check] [REQUEST.json]",
                            "",
                            "Runs the firelake Firehose transform on one Firehose data-transformation request (a file,",
                            "or stdin when none is given) and prints the Lambda response JSON on stdout. Failed records",
                            "are logged as JSON lines on stderr with their reason code. Exit 2 when the file cannot be",
                            "read or is not a Firehose event.",
                            "",
                            "  --check  exit 1 unless every recordId is answered exactly once and none failed with",
                            "           INTERNAL_ERROR (the build runs this on the shaded jar)",
                            "",
                            "Example: java -jar target/firelake-firehose-transform.jar \\",
                            "           src/test/resources/events/kinesis-batch.json | jq '.records[].result'"));
                    return 0;
                }
                case "--check" -> check = true;
                default -> {
                    if (arg.startsWith("-")) {
                        err.println(NAME + ": unknown option " + arg + " (try --help)");
                        return EXIT_USAGE;
                    }
                    file = Path.of(arg);
                }
            }
        }
        byte[] request;
        try {
            request = file == null ? stdin.readAllBytes() : Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            err.println(NAME + ": no such file: " + file);
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println(NAME + ": cannot read " + file + ": " + (Files.isDirectory(file) ? "it is a directory"
                    : e.getMessage()));
            return EXIT_USAGE;
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        List<String> logLines = new ArrayList<>();
        new FirehoseTransformHandler().handle(new ByteArrayInputStream(request), response, logLines::add);
        logLines.forEach(err::println);
        out.write(response.toByteArray());
        out.println();
        out.flush();
        FirehoseEvent event;
        try {
            event = new FirehoseEventReader().read(request);
        } catch (MalformedEventException e) {
            err.println(NAME + ": " + (file == null ? "standard input" : file) + " is not a Firehose "
                    + "data-transformation request (an object with a records array): " + e.getMessage());
            return EXIT_USAGE;
        }
        if (check) {
            String problem = checkResponse(event, response.toByteArray(), logLines);
            if (problem != null) {
                err.println("check failed: " + problem);
                return EXIT_CHECK_FAILED;
            }
            err.println("check passed");
        }
        return 0;
    }

    private static String checkResponse(FirehoseEvent in, byte[] response, List<String> logLines) throws IOException {
        JsonNode out = new ObjectMapper().readTree(response);
        Set<String> expected = new HashSet<>();
        in.records().forEach(r -> expected.add(r.recordId()));
        Set<String> seen = new HashSet<>();
        for (JsonNode record : out.path("records")) {
            if (!seen.add(record.path("recordId").asText())) {
                return "recordId answered twice: " + record.path("recordId").asText();
            }
        }
        if (!seen.equals(expected) || expected.size() != in.records().size()) {
            return "answered " + seen.size() + " of " + in.records().size() + " recordIds";
        }
        if (logLines.stream().anyMatch(l -> l.contains("\"INTERNAL_ERROR\""))) {
            return "a record failed with INTERNAL_ERROR";
        }
        return null;
    }
}
