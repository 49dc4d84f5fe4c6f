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
