package io.firelake.local.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS SAM CLI commands that deploy the template the build wrote ({@code sam/target/template.yaml}, with the named
 * queries): {@code sam build} with that template, then {@code sam deploy} with the Glue code's locations added to the
 * parameter overrides of {@code sam/samconfig.toml} (SAM replaces the file's overrides with the command line's, so
 * both are passed).
 *
 * @see <a href="https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html">sam deploy</a>
 */
record SamCli(String executable, Path samDir) {

    static final String TEMPLATE = "target/template.yaml";
    private static final Pattern OVERRIDES = Pattern.compile("(?m)^parameter_overrides\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    List<String> build() {
        return List.of(executable, "build", "--template-file", TEMPLATE);
    }

    List<String> deploy(String stack, GlueArtifacts.Locations glue, Optional<String> region, boolean guided,
                        boolean noConfirm) {
        List<String> command = new ArrayList<>(List.of(executable, "deploy", "--stack-name", stack));
        region.ifPresent(r -> command.addAll(List.of("--region", r)));
        if (guided) {
            command.add("--guided");
        }
        if (noConfirm) {
            command.add("--no-confirm-changeset");
        }
        String overrides = configuredOverrides().map(o -> o + " ").orElse("")
                + "GlueScriptLocation=\"" + glue.script() + "\" GlueJobsJarLocation=\"" + glue.jar() + "\"";
        command.addAll(List.of("--parameter-overrides", overrides));
        return command;
    }

    /** {@code parameter_overrides} of samconfig.toml's deploy parameters, unescaped. */
    Optional<String> configuredOverrides() {
        Path config = samDir.resolve("samconfig.toml");
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        try {
            Matcher m = OVERRIDES.matcher(Files.readString(config));
            return m.find() ? Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + config + ": " + e.getMessage(), e);
        }
    }

    /** Whether the executable can be run: a path to a file, or a name found on the PATH. */
    boolean available() {
        if (executable.contains(File.separator)) {
            return Files.isExecutable(Path.of(executable));
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

    int run(List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).directory(samDir.toFile()).inheritIO().start().waitFor();
    }

    /** The command as a shell would take it, for printing. */
    static String shell(List<String> command) {
        StringBuilder line = new StringBuilder();
        for (String arg : command) {
            line.append(line.length() == 0 ? "" : " ")
                    .append(arg.matches("[A-Za-z0-9_./:=@-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
