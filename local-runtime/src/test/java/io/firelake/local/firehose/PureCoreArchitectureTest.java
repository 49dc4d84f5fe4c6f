package io.firelake.local.firehose;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The local Firehose's rules (buffering, the processor contract, prefixes, error documents, checkpoints) know no AWS
 * SDK or Lambda type: the SDK lives in {@code firehose.aws}, the Lambda runtime in {@code firehose.lambda}. Nor does the
 * local console, which reads what the runtime's classes give it.
 */
@AnalyzeClasses(packages = {"io.firelake.local.firehose", "io.firelake.local.config", "io.firelake.local.console"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class PureCoreArchitectureTest {

    @ArchTest
    static final ArchRule firehoseCoreIsPure = noClasses()
            .that().resideInAnyPackage("io.firelake.local.firehose", "io.firelake.local.config", "io.firelake.local.console")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.amazon..");
}
