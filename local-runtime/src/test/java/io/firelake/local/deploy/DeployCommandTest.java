package io.firelake.local.deploy;

import io.firelake.local.cli.FirelakeCli;
import io.firelake.local.engines.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code firelake deploy} uploads the Glue code through the S3 API, here S3Proxy's: the objects are the build's files
 * under a key named by their hash, an unchanged jar is not uploaded again, a new jar gets a new key (so the stack's
 * parameters change and CloudFormation updates the jobs), and the sam commands carry the URIs with samconfig.toml's
 * overrides. The SAM CLI itself is not run here (none on this machine): its absence is explained and the commands are
 * printed.
 */
class DeployCommandTest {

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static Path repository;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3ProxyServer.start(dir.resolve("s3"));
        repository = dir.resolve("repo");
        Files.createDirectories(repository.resolve("sam/target"));
        Files.writeString(repository.resolve("sam/template.yaml"), "Resources: {}\n");
        Files.copy(Path.of("../sam/samconfig.toml"), repository.resolve("sam/samconfig.toml"));
        Files.writeString(repository.resolve("sam/target/template.yaml"), "Resources: {}\n");
        Files.setLastModifiedTime(repository.resolve("sam/template.yaml"), FileTime.fromMillis(
                Files.getLastModifiedTime(repository.resolve("sam/target/template.yaml")).toMillis() - 5_000));
        Files.createDirectories(repository.resolve(GlueArtifacts.JAR).getParent());
        Files.createDirectories(repository.resolve(GlueArtifacts.SCRIPT).getParent());
        writeJar(1);
        Files.copy(Path.of("../glue-jobs/src/main/glue/launcher.scala"), repository.resolve(GlueArtifacts.SCRIPT));
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static void writeJar(long seed) throws IOException {
        byte[] jar = new byte[300_000];
        new Random(seed).nextBytes(jar);
        Files.write(repository.resolve(GlueArtifacts.JAR), jar);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run deploy(String... more) {
        return deployTo("firelake-artifacts", more);
    }

    private static Run deployTo(String bucket, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FirelakeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[more.length + 7];
        System.arraycopy(new String[]{"deploy", "--artifacts-bucket", bucket, "--endpoint-url",
                s3.endpoint().toString(), "--repository", repository.toString()}, 0, args, 0, 7);
        System.arraycopy(more, 0, args, 7, more.length);
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void uploadsTheGlueCodeOnceAndPrintsTheSamCommands() throws IOException {
        writeJar(1);
        Run first = deployTo("upload-test", "--upload-only");
        assertThat(first.exit()).as(first.err()).isZero();
        String hash = GlueArtifacts.hash(repository.resolve(GlueArtifacts.JAR), repository.resolve(GlueArtifacts.SCRIPT));
        String folder = "firelake/glue/" + hash;
        assertThat(s3.pathOf("upload-test", folder + "/firelake-glue-jobs.jar"))
                .hasSameBinaryContentAs(repository.resolve(GlueArtifacts.JAR));
        assertThat(s3.pathOf("upload-test", folder + "/launcher.scala"))
                .hasSameBinaryContentAs(repository.resolve(GlueArtifacts.SCRIPT));
        assertThat(first.out()).contains("created bucket upload-test", "uploaded ")
                .contains("sam build --template-file target/template.yaml")
                .contains("sam deploy --stack-name firelake --parameter-overrides")
                .contains("GlueScriptLocation=\"s3://upload-test/" + folder + "/launcher.scala\"")
                .contains("GlueJobsJarLocation=\"s3://upload-test/" + folder + "/firelake-glue-jobs.jar\"")
                .as("samconfig.toml's overrides are kept").contains("StreamMode=\"ON_DEMAND\"");

        Run again = deployTo("upload-test", "--upload-only");
        assertThat(again.out()).contains("unchanged s3://upload-test/" + folder + "/firelake-glue-jobs.jar")
                .doesNotContain("uploaded ", "created bucket");

        writeJar(2);
        Run changed = deployTo("upload-test", "--upload-only", "--stack", "shop");
        String newHash = GlueArtifacts.hash(repository.resolve(GlueArtifacts.JAR),
                repository.resolve(GlueArtifacts.SCRIPT));
        assertThat(newHash).isNotEqualTo(hash);
        assertThat(changed.out()).contains("uploaded ").contains("glue/" + newHash + "/firelake-glue-jobs.jar")
                .contains("--stack-name shop");
    }

    @Test
    void withoutTheSamCliTheCommandsArePrinted() {
        Run run = deploy("--sam", dir.resolve("no-such/sam").toString(), "--yes");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("no '" + dir.resolve("no-such/sam") + "' on the PATH")
                .contains("deploy --stack-name firelake --no-confirm-changeset --parameter-overrides");
    }

    /** A view's columns header shapes the deployed template's view table: editing it calls for a build. */
    @Test
    void aContractChangedSinceTheBuildIsExplained() throws IOException {
        Path view = repository.resolve("contracts/parcels/views/depot_daily.sql");
        Files.createDirectories(view.getParent());
        Files.writeString(view, "-- columns: depot string, event_date string\nSELECT depot, event_date FROM curated\n");
        FileTime built = Files.getLastModifiedTime(repository.resolve("sam/target/template.yaml"));
        try {
            Files.setLastModifiedTime(view, FileTime.fromMillis(built.toMillis() + 5_000));
            Run run = deploy("--upload-only");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("a contract (its tables, views, reports) changed since the build");
        } finally {
            Files.delete(view);
        }
    }

    @Test
    void aTemplateChangedSinceTheBuildIsExplained() throws IOException {
        Path template = repository.resolve("sam/template.yaml");
        FileTime built = Files.getLastModifiedTime(repository.resolve("sam/target/template.yaml"));
        try {
            Files.setLastModifiedTime(template, FileTime.fromMillis(built.toMillis() + 5_000));
            Run run = deploy("--upload-only");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("changed since the build", "./mvnw -B package -DskipTests");
        } finally {
            Files.setLastModifiedTime(template, FileTime.fromMillis(built.toMillis() - 5_000));
        }
    }

    @Test
    void anUnbuiltRepositoryIsExplained() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        StringWriter err = new StringWriter();
        CommandLine cli = FirelakeCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("deploy", "--artifacts-bucket", "b", "--endpoint-url", s3.endpoint().toString(),
                "--repository", empty.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("is missing: build first (./mvnw -B package -DskipTests)");
    }

    /** No region anywhere (the SDK's chain: aws.region, AWS_REGION, the config file, EC2's metadata) is a usage error. */
    @Test
    void noRegionIsAUsageErrorThatSaysHowToSetIt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_REGION") == null
                && System.getProperty("aws.region") == null, "a region is configured in this environment");
        System.setProperty("aws.configFile", dir.resolve("no-aws-config").toString());
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            StringWriter err = new StringWriter();
            CommandLine cli = FirelakeCli.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute("deploy", "--artifacts-bucket", "b", "--upload-only", "--repository",
                    repository.toString());
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).startsWith("firelake deploy: no AWS region configured: pass --region REGION "
                    + "or set AWS_REGION").contains("Run 'firelake deploy --help' for the options.")
                    .doesNotContain("FIRELAKE_DEBUG");
        } finally {
            System.clearProperty("aws.configFile");
            System.clearProperty("aws.disableEc2Metadata");
        }
    }
}
