package io.firelake.producer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The simulator, the replayer, the sender's batching and retry logic and the manifest are pure: only the Kinesis
 * and Firehose adapters ({@code io.firelake.producer.kinesis}, {@code firehose}, their shared {@code sdk}) and the
 * composition root touch the AWS SDK.
 */
@AnalyzeClasses(packages = "io.firelake.producer", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class PureCoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoAwsTypes = noClasses()
            .that().resideInAnyPackage("io.firelake.producer.generate..", "io.firelake.producer.replay..",
                    "io.firelake.producer.send..", "io.firelake.producer.manifest..", "io.firelake.producer.model..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..");
}
