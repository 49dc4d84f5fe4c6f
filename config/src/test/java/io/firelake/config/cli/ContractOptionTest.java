package io.firelake.config.cli;

import io.firelake.events.contract.Contracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ContractOptionTest {

    @Command(name = "probe", mixinStandardHelpOptions = true)
    static final class Probe implements Runnable {
        @Mixin
        ContractOption contract;
        String ran;

        @Override
        public void run() {
            ran = contract.contract().name();
        }
    }

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        System.clearProperty(Contracts.PROPERTY);
    }

    @Test
    void withoutTheOptionTheCommandRunsClickstream() {
        Probe probe = new Probe();
        assertThat(new CommandLine(probe).execute()).isZero();
        assertThat(probe.ran).isEqualTo("clickstream");
        assertThat(probe.contract.given()).isNull();
    }

    @Test
    void aPackagedNameIsChosenForTheWholeProcess() {
        Probe probe = new Probe();
        assertThat(new CommandLine(probe).execute("--contract", "clickstream")).isZero();
        assertThat(System.getProperty(Contracts.PROPERTY)).isEqualTo("clickstream");
        assertThat(Contracts.selected().name()).isEqualTo("clickstream");
    }

    @Test
    void aBrokenFolderIsRefusedWithItsFileAndLine() throws IOException {
        Files.writeString(dir.resolve("contract.yaml"), "name: broken\nschemas:\n  raw: nowhere.avsc\n");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Probe());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("--contract", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--contract " + dir + ": " + dir.resolve("contract.yaml") + ":3: schemas.raw: no file");
        assertThat(System.getProperty(Contracts.PROPERTY)).isNull();
    }

    @Test
    void helpSaysWhatItTakes() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Probe());
        cli.setOut(new PrintWriter(out));
        cli.execute("--help");
        assertThat(out.toString()).contains("--contract=NAME|DIR").contains("FIRELAKE_CONTRACT");
    }
}
