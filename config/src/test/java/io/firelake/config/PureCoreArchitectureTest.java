package io.firelake.config;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Configuration is pure: the Lambda jar and the Spark class path may carry it, so it brings no AWS SDK or Lambda types. */
@AnalyzeClasses(packages = "io.firelake.config", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class PureCoreArchitectureTest {

    @ArchTest
    static final ArchRule noAwsTypes = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.amazon..");

    @ArchTest
    static final ArchRule layoutAndDurationsNeedNoYamlNorPicocli = noClasses()
            .that().resideInAnyPackage("io.firelake.config.layout..").or().haveSimpleName("Durations")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "picocli..");
}
