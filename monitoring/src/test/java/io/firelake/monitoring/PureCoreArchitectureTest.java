package io.firelake.monitoring;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Health, accounting, error summaries, reports and replay are pure: only the aws adapters and the command shells
 * that build clients may touch the SDK. Replay sends through the producer's pure sender; its Kinesis adapter is the
 * shells' to build.
 */
@AnalyzeClasses(packages = "io.firelake.monitoring", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class PureCoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoAwsTypes = noClasses()
            .that().resideOutsideOfPackages("io.firelake.monitoring.aws..", "io.firelake.monitoring.cli..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.amazon..");

    @ArchTest
    static final ArchRule coreDoesNotReachIntoShells = noClasses()
            .that().resideOutsideOfPackages("io.firelake.monitoring.aws..", "io.firelake.monitoring.cli..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.firelake.monitoring.aws..", "io.firelake.monitoring.cli..");

    @ArchTest
    static final ArchRule coreSendsOnlyThroughThePureSender = noClasses()
            .that().resideOutsideOfPackages("io.firelake.monitoring.aws..", "io.firelake.monitoring.cli..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.firelake.producer", "io.firelake.producer.kinesis..", "io.firelake.producer.cli..");
}
