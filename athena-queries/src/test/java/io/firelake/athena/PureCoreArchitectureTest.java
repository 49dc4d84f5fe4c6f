package io.firelake.athena;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Only the Athena adapter and the command that wires it may touch the AWS SDK; reports, DDL and DuckDB stay pure. */
@AnalyzeClasses(packages = "io.firelake.athena", importOptions = ImportOption.DoNotIncludeTests.class)
class PureCoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoAwsTypes = noClasses()
            .that().resideInAnyPackage("io.firelake.athena.catalog..", "io.firelake.athena.report..",
                    "io.firelake.athena.local..", "io.firelake.athena.template..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..");
}
