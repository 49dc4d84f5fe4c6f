package io.firelake.glue;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.firelake.glue", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The jobs are plain Spark: no AWS SDK, no Glue library, so they run anywhere Spark runs. Only the launcher's
     * {@code aws} package, which starts the deployed jobs from the command line, talks to Glue's API.
     */
    @ArchTest
    static final ArchRule plainSpark = noClasses().that().resideOutsideOfPackage("io.firelake.glue.aws..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.amazon..");

    /** The launcher's AWS side runs in the command line's JVM, next to Parquet 1.17: never Spark. */
    @ArchTest
    static final ArchRule awsLauncherStaysOffSpark = noClasses().that().resideInAPackage("io.firelake.glue.aws..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..");

    /** The CLI command is loaded next to Parquet 1.17, so it must never load Spark itself. */
    @ArchTest
    static final ArchRule commandStaysOffSpark = noClasses().that().haveSimpleNameStartingWith("BatchCommand")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..",
                    "io.firelake.glue.job..", "io.firelake.glue.compaction..", "io.firelake.glue.views..");
}
