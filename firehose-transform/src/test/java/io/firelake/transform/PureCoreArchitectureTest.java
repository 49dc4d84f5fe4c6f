package io.firelake.transform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Only the handler shell (package io.firelake.transform itself) may touch Lambda types; validation, enrichment, the
 * batch logic and the Firehose wire format are plain Java that runs anywhere (local runtime, benchmarks, monitoring).
 */
@AnalyzeClasses(packages = "io.firelake.transform", importOptions = ImportOption.DoNotIncludeTests.class)
class PureCoreArchitectureTest {

    private static final String[] CORE = {"io.firelake.transform.core..", "io.firelake.transform.validate..",
            "io.firelake.transform.enrich..", "io.firelake.transform.firehose..", "io.firelake.transform.time..",
            "io.firelake.transform.json.."};

    @ArchTest
    static final ArchRule coreImportsNoAwsTypes = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.amazon..");

    @ArchTest
    static final ArchRule coreDoesNotReachBackIntoTheShell = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAPackage("io.firelake.transform");

    @ArchTest
    static final ArchRule validationKnowsNothingOfEnrichmentOrFirehose = noClasses()
            .that().resideInAPackage("io.firelake.transform.validate..")
            .should().dependOnClassesThat().resideInAnyPackage("io.firelake.transform.enrich..",
                    "io.firelake.transform.core..", "io.firelake.transform.firehose..");
}
