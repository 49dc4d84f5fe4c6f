package io.firelake.aws;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The retry policy, the resource wait and the checkpoint file are plain Java, usable by pure code; only the client
 * factory, the error classifier, the shard reader and the delivery stream wait speak the SDK.
 */
@AnalyzeClasses(packages = "io.firelake.aws", importOptions = ImportOption.DoNotIncludeTests.class)
class PureCoreArchitectureTest {

    @ArchTest
    static final ArchRule retryAndCheckpointsAreSdkFree = noClasses()
            .that().resideInAnyPackage("io.firelake.aws.retry..", "io.firelake.aws.checkpoint..",
                    "io.firelake.aws.wait..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..");

    @ArchTest
    static final ArchRule clientsKnowNoKinesisReader = noClasses()
            .that().resideInAnyPackage("io.firelake.aws.client..", "io.firelake.aws.retry..")
            .should().dependOnClassesThat().resideInAnyPackage("io.firelake.aws.kinesis..");
}
