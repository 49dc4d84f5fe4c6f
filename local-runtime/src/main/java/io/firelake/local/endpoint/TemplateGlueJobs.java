package io.firelake.local.endpoint;

import io.firelake.glue.aws.GlueJobNames;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;

import java.util.List;
import java.util.Map;

/**
 * The Glue jobs the SAM template deploys ({@code CompactionJob} and {@code BatchViewsJob} in {@code sam/template.yaml}):
 * Glue 5.0 JVM jobs named after the stack, their class in {@code --class}, the lake in {@code --lake}; locally created
 * through the Glue API of the endpoint, as CloudFormation creates them on AWS.
 */
public final class TemplateGlueJobs {

    /** The stack name of the local pipeline: the jobs are {@code firelake-compaction} and {@code firelake-batch-views}. */
    public static final String LOCAL_STACK = GlueJobNames.DEFAULT_STACK;
    public static final String COMPACTION_CLASS = "io.firelake.glue.CompactionJob";
    public static final String VIEWS_CLASS = "io.firelake.glue.BatchViewsJob";

    private TemplateGlueJobs() {
    }

    public static List<CreateJobRequest> requests(String stack, String lakeBucket, String artifactsBucket) {
        GlueJobNames names = new GlueJobNames(stack);
        return List.of(job(names.compaction(), COMPACTION_CLASS,
                        "Raw -> curated - one row per event id, few large files per day (idempotent per day)",
                        lakeBucket, artifactsBucket),
                job(names.views(), VIEWS_CLASS,
                        "Curated -> daily views (traffic, sessions, funnel, revenue) the reports read",
                        lakeBucket, artifactsBucket));
    }

    private static CreateJobRequest job(String name, String mainClass, String description, String lakeBucket,
                                        String artifactsBucket) {
        return CreateJobRequest.builder().name(name).description(description)
                .role("arn:aws:iam::" + TemplateDeliveryStream.ACCOUNT + ":role/firelake-glue-jobs")
                .glueVersion("5.0").workerType("G.1X").numberOfWorkers(2).timeout(60).maxRetries(1)
                .executionProperty(e -> e.maxConcurrentRuns(1))
                .command(c -> c.name("glueetl").scriptLocation("s3://" + artifactsBucket + "/glue/launcher.scala"))
                .defaultArguments(Map.of(
                        "--job-language", "scala",
                        "--class", mainClass,
                        "--extra-jars", "s3://" + artifactsBucket + "/glue/firelake-glue-jobs.jar",
                        "--enable-metrics", "true",
                        "--enable-continuous-cloudwatch-log", "true",
                        "--job-bookmark-option", "job-bookmark-disable",
                        "--lake", "s3://" + lakeBucket))
                .build();
    }
}
