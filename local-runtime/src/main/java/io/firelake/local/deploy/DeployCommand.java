package io.firelake.local.deploy;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.config.cli.GlueDatabaseOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code firelake deploy}: uploads the Glue jobs' code, then deploys the whole stack with the AWS SAM CLI. */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Deploys every part of the pipeline to AWS with the SAM CLI, the batch layer included, from what "
                        + "the build wrote (./mvnw -B package -DskipTests). In order:",
                "0. checks that the contract the build wrote into the template (EventContract) can replace the "
                        + "deployed one, read from the Glue tables raw_events and curated_events of --database: a lake "
                        + "column removed or of another type is refused, with every reason, before anything is "
                        + "uploaded;",
                "1. uploads the Glue jobs' jar (glue-jobs/target/firelake-glue-jobs.jar) and script "
                        + "(glue-jobs/src/main/glue/launcher.scala) to s3://BUCKET/PREFIX/glue/<hash>/ (creating the "
                        + "bucket if needed; an unchanged jar is not uploaded again);",
                "2. sam build --template-file target/template.yaml (the template with every report as a named "
                        + "query), in sam/;",
                "3. sam deploy with GlueScriptLocation and GlueJobsJarLocation added to samconfig.toml's parameter "
                        + "overrides: the Glue jobs, their daily schedule and the views trigger are created.",
                "Without the sam CLI on the PATH (or with --upload-only), steps 2 and 3 are printed to run by hand.",
                "Credentials and region: the AWS default chain, as sam's; --endpoint-url uploads to another S3 "
                        + "(such as the S3 of firelake local up)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:deployed (or uploaded, with the sam commands printed)", "2:not built, or S3 or Glue cannot be "
                + "reached", "3:the contract cannot replace the deployed one (breaking change)",
                "other:the exit code of sam build or sam deploy"},
        footerHeading = "%nExamples:%n",
        footer = {"  ./mvnw -B package -DskipTests",
                "  # first time",
                "  firelake deploy --artifacts-bucket my-firelake-artifacts --guided",
                "  # later: samconfig.toml",
                "  firelake deploy --artifacts-bucket my-firelake-artifacts",
                "  firelake deploy --artifacts-bucket my-firelake-artifacts --stack shop \\",
                "      --region eu-west-1 --yes",
                "  firelake deploy --artifacts-bucket b --upload-only \\",
                "      --endpoint-url http://127.0.0.1:4566"})
public final class DeployCommand implements Callable<Integer> {

    @Option(names = "--artifacts-bucket", required = true, paramLabel = "BUCKET",
            description = "S3 bucket for the Glue jobs' code, created if it does not exist (in the stack's region).")
    String bucket;

    @Option(names = "--prefix", defaultValue = "firelake", paramLabel = "PREFIX",
            description = "Key prefix in the bucket (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--stack", defaultValue = "firelake", paramLabel = "NAME",
            description = "CloudFormation stack name (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--guided", description = "sam deploy --guided: asks for every parameter, saves samconfig.toml.")
    boolean guided;

    @Option(names = "--yes", description = "Deploy the change set without asking (sam deploy --no-confirm-changeset).")
    boolean yes;

    @Option(names = "--upload-only", description = "Upload the Glue code and print the sam commands, run nothing.")
    boolean uploadOnly;

    @Option(names = "--sam", defaultValue = "sam", paramLabel = "PATH", description = "The SAM CLI (default: sam).")
    String sam;

    @Option(names = "--repository", defaultValue = ".", hidden = true,
            description = "The repository root the build wrote into.")
    Path repository;

    @Mixin
    EndpointOptions aws;

    @Mixin
    GlueDatabaseOption database;

    static final int EXIT_BREAKING_CONTRACT = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path samDir = repository.resolve("sam");
        if (!Files.isRegularFile(samDir.resolve(SamCli.TEMPLATE))) {
            err.println("firelake deploy: " + samDir.resolve(SamCli.TEMPLATE) + " is missing: build first "
                    + "(./mvnw -B package -DskipTests)");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (stale(samDir.resolve(SamCli.TEMPLATE), samDir.resolve("template.yaml"),
                repository.resolve("contracts"))) {
            err.println("firelake deploy: sam/template.yaml or a contract (its tables, views, reports) changed since "
                    + "the build wrote "
                    + SamCli.TEMPLATE + ": build again (./mvnw -B package -DskipTests)");
            return 2;
        }
        GlueArtifacts.Locations glue;
        ClientSettings settings = ClientSettings.forEndpoint(aws.endpoint().orElse(null), aws.region().orElse(null));
        try {
            Optional<String> refused = DeployedContractCheck.refusal(Files.readString(samDir.resolve(SamCli.TEMPLATE)),
                    settings, database.resolve(), aws.endpoint().map(Object::toString).orElse("AWS"), out);
            if (refused.isPresent()) {
                err.println("firelake deploy: " + refused.get());
                return EXIT_BREAKING_CONTRACT;
            }
        } catch (SdkException e) {
            err.println("firelake deploy: cannot read the deployed lake tables from Glue to check the contract: "
                    + e.getMessage());
            return 2;
        }
        try (S3Client s3 = AwsClientFactory.of(settings).s3(S3Client.builder(), SyncHttp.urlConnection()).build()) {
            glue = new GlueArtifacts(s3, out).upload(repository, bucket, prefix);
        } catch (IllegalStateException | SdkException e) {
            err.println("firelake deploy: " + e.getMessage());
            return 2;
        }
        SamCli cli = new SamCli(sam, samDir);
        List<String> build = cli.build();
        List<String> deploy = cli.deploy(stack, glue, aws.region(), guided, yes);
        if (uploadOnly || !cli.available()) {
            out.println((uploadOnly ? "" : "no '" + sam + "' on the PATH (the AWS SAM CLI); ") + "then run, in sam/:");
            out.println("  " + SamCli.shell(build));
            out.println("  " + SamCli.shell(deploy));
            out.flush();
            return 0;
        }
        out.println("$ " + SamCli.shell(build));
        out.flush();
        int built = cli.run(build);
        if (built != 0) {
            return built;
        }
        out.println("$ " + SamCli.shell(deploy));
        out.flush();
        return cli.run(deploy);
    }

    /** Whether a source of the deployed template (the template, a file of a contract) is newer than it. */
    private static boolean stale(Path built, Path template, Path contracts) throws IOException {
        FileTime at = Files.getLastModifiedTime(built);
        if (Files.getLastModifiedTime(template).compareTo(at) > 0) {
            return true;
        }
        if (!Files.isDirectory(contracts)) {
            return false;
        }
        try (var files = Files.walk(contracts)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(at) > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
