package io.firelake.endpoint.cloudwatch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The local CloudWatch's domain (the per-second store, the roll-up into periods, metric math, alarm evaluation) knows
 * no SDK type: only the API classes that read and write the SDK's request and response objects (and save the alarms'
 * requests) do.
 */
@AnalyzeClasses(packages = "io.firelake.endpoint.cloudwatch",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class PureCoreArchitectureTest {

    @ArchTest
    static final ArchRule domainHasNoAwsTypes = noClasses()
            .that().resideInAPackage("io.firelake.endpoint.cloudwatch")
            .and().doNotHaveSimpleName("CloudWatchApi").and().doNotHaveSimpleName("MetricStatistics")
            .and().doNotHaveSimpleName("AlarmRequests").and().doNotHaveSimpleName("SavedAlarms")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..");
}
