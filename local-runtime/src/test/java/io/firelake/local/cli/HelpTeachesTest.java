package io.firelake.local.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's promise, "every command has --help with examples", kept for each command and subcommand. */
class HelpTeachesTest {

    @Test
    void everyCommandsHelpHasExamples() {
        List<String> commands = new ArrayList<>();
        collect(FirelakeCli.commandLine(), List.of(), commands);
        assertThat(commands).contains("local up", "local down", "local status", "catalog check", "deploy");
        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            FirelakeCliTest.Run help = FirelakeCliTest.run(args.toArray(String[]::new));
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as("firelake " + command + " --help").contains("Example", "firelake " + command);
        }
    }

    /** Picocli wraps a longer line at 80 columns, which cuts an example's comment in two: each must fit. */
    @Test
    void noHelpLineOfAnyCommandIsOver80Columns() {
        List<String> commands = new ArrayList<>();
        collect(FirelakeCli.commandLine(), List.of(), commands);
        commands.add("");
        for (String command : commands) {
            CommandLine cli = FirelakeCli.commandLine();
            for (String name : command.isEmpty() ? new String[0] : command.split(" ")) {
                cli = cli.getSubcommands().get(name);
            }
            String[] footer = cli.getCommandSpec().usageMessage().footer();
            String examples = String.format(String.join("%n", footer));
            assertThat(examples.lines()).as("firelake " + command + " --help, its examples as written")
                    .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
            List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            args.add("--help");
            assertThat(FirelakeCliTest.run(args.toArray(String[]::new)).out().lines())
                    .as("firelake " + command + " --help")
                    .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        }
    }

    @Test
    void theCommandListSummarisesEachInAWholeSentence() {
        String help = FirelakeCliTest.run("--help").out();
        assertThat(help).contains("deploy         Deploys every part of the pipeline to AWS")
                .doesNotContainPattern("-DskipTests\\):\\R");
    }

    private static void collect(CommandLine command, List<String> path, List<String> into) {
        for (var entry : command.getSubcommands().entrySet()) {
            CommandLine sub = entry.getValue();
            if (entry.getKey().equals("help") || sub.getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(entry.getKey());
            into.add(String.join(" ", subPath));
            collect(sub, subPath, into);
        }
    }
}
