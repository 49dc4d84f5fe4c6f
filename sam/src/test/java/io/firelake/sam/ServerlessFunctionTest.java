package io.firelake.sam;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two Lambdas: the jars the Maven build makes, their handler classes, and the runtime settings Lambda documents
 * for Java SnapStart. Also the SAM function properties cfn-lint 1.9.7 does not know.
 *
 * @see <a href="https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html">
 *     AWS::Serverless::Function</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html">Lambda SnapStart</a>
 */
class ServerlessFunctionTest {

    /** Every property AWS::Serverless::Function accepts (SAM specification, 2016-10-31). */
    private static final Set<String> SAM_FUNCTION_PROPERTIES = Set.of("Architectures", "AssumeRolePolicyDocument",
            "AutoPublishAlias", "AutoPublishAliasAllProperties", "AutoPublishCodeSha256", "CodeSigningConfigArn",
            "CodeUri", "DeadLetterQueue", "DeploymentPreference", "Description", "Environment", "EphemeralStorage",
            "EventInvokeConfig", "Events", "FileSystemConfigs", "FunctionName", "FunctionUrlConfig", "Handler",
            "ImageConfig", "ImageUri", "InlineCode", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize",
            "PackageType", "PermissionsBoundary", "Policies", "PropagateTags", "ProvisionedConcurrencyConfig",
            "RecursiveLoop", "ReservedConcurrentExecutions", "Role", "RolePath", "Runtime", "RuntimeManagementConfig",
            "SnapStart", "SourceKMSKeyArn", "Tags", "Timeout", "Tracing", "VersionDescription", "VpcConfig");

    /** The deployable jars the build writes and the handlers in them (wire format fixed in BRIEF.md). */
    private static final Map<String, Deployable> FUNCTIONS = Map.of(
            "TransformFunction", new Deployable("../firehose-transform/target/firelake-firehose-transform.jar",
                    "io.firelake.transform.FirehoseTransformHandler::handleRequest"),
            "SpeedLayerFunction", new Deployable("../speed-layer/target/firelake-speed-layer.jar",
                    "io.firelake.speed.SpeedLayerHandler::handleRequest"));

    private record Deployable(String codeUri, String handler) {
    }

    private final SamTemplate template = SamTemplate.load();

    @Test
    void theTemplateDeploysExactlyTheTwoLambdas() {
        assertThat(template.resourcesOfType("AWS::Serverless::Function"))
                .containsExactlyInAnyOrderElementsOf(FUNCTIONS.keySet());
        assertThat(template.resourcesOfType("AWS::Lambda::Function")).isEmpty();
    }

    @Test
    void codeUrisPointAtTheJarsTheBuildMakes() {
        Path repository = SamTemplate.moduleDir().getParent();
        FUNCTIONS.forEach((id, expected) -> {
            Map<String, Object> properties = template.properties(id);
            assertThat(properties.get("CodeUri")).as(id).isEqualTo(expected.codeUri());
            Path jar = SamTemplate.moduleDir().resolve(expected.codeUri()).normalize();
            String module = repository.relativize(jar).getName(0).toString();
            assertThat(repository.relativize(jar).toString().replace('\\', '/'))
                    .as("%s: <module>/target/firelake-<module>.jar", id)
                    .isEqualTo(module + "/target/firelake-" + module + ".jar");
            assertThat(properties.get("Handler")).as(id).isEqualTo(expected.handler());
            // Maven builds the jar; sam build must copy it, not try to build a jar file as a source folder.
            assertThat(SamTemplate.at(template.resource(id), "Metadata", "SkipBuild")).as(id).contains(true);
        });
    }

    @Test
    void handlersAndJarsExistInTheirModulesWhenThoseAreInTheTree() throws java.io.IOException {
        int checked = 0;
        for (Deployable function : FUNCTIONS.values()) {
            Path jar = SamTemplate.moduleDir().resolve(function.codeUri()).normalize();
            Path module = jar.getParent().getParent();
            if (!java.nio.file.Files.exists(module.resolve("pom.xml"))) {
                continue; // that module has not landed in this tree yet
            }
            String handlerClass = function.handler().substring(0, function.handler().indexOf("::"));
            assertThat(module.resolve("src/main/java/" + handlerClass.replace('.', '/') + ".java"))
                    .as("the handler class the template names").exists();
            assertThat(java.nio.file.Files.readString(module.resolve("pom.xml")))
                    .as("%s/pom.xml writes the jar the template deploys", module.getFileName())
                    .contains("/" + jar.getFileName());
            checked++;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(checked > 0, "no Lambda module in this tree yet");
    }

    @Test
    void environmentVariablesAreOnesTheHandlersRead() throws java.io.IOException {
        int checked = 0;
        for (Map.Entry<String, Deployable> function : FUNCTIONS.entrySet()) {
            Path sources = SamTemplate.moduleDir().resolve(function.getValue().codeUri()).normalize()
                    .getParent().getParent().resolve("src/main/java");
            Object variables = SamTemplate.at(template.properties(function.getKey()), "Environment", "Variables").orElse(Map.of());
            if (!java.nio.file.Files.isDirectory(sources)) {
                continue;
            }
            StringBuilder code = new StringBuilder();
            // The function's own code, and the events module every function carries, which reads FIRELAKE_CONTRACT.
            for (Path dir : List.of(sources, sources.resolve("../../../../events/src/main/java").normalize())) {
                try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        code.append(java.nio.file.Files.readString(file));
                    }
                }
            }
            for (String name : map(variables).keySet()) {
                if (!name.equals("JAVA_TOOL_OPTIONS")) { // read by the JVM itself
                    assertThat(code).as("%s: environment variable %s is read by its code", function.getKey(), name)
                            .contains("\"" + name + "\"");
                }
            }
            checked++;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(checked > 0, "no Lambda module in this tree yet");
    }

    @Test
    void functionsRunJavaOnGravitonWithSnapStartOnAPublishedAlias() {
        for (String id : FUNCTIONS.keySet()) {
            Map<String, Object> properties = template.properties(id);
            assertThat(properties.get("Runtime")).as(id).isIn("java17", "java21");
            assertThat(properties.get("Architectures")).as(id).isEqualTo(java.util.List.of("arm64"));
            assertThat(SamTemplate.at(properties, "SnapStart", "ApplyOn")).as(id).contains("PublishedVersions");
            // SnapStart applies to published versions only: callers must invoke the alias SAM publishes.
            assertThat(properties.get("AutoPublishAlias")).as(id).isInstanceOf(String.class);
            assertThat(template.text()).contains("!Ref " + id + ".Alias");
        }
    }

    @Test
    void memoryAndTimeoutAreSetWithinLambdaAndFirehoseLimits() {
        for (String id : FUNCTIONS.keySet()) {
            Map<String, Object> properties = template.properties(id);
            assertThat((Integer) properties.get("MemorySize")).as(id).isBetween(128, 10240);
            assertThat((Integer) properties.get("Timeout")).as(id).isBetween(1, 900);
        }
        // Firehose invokes a processor for at most 5 minutes.
        assertThat((Integer) template.properties("TransformFunction").get("Timeout")).isLessThanOrEqualTo(300);
    }

    @Test
    void functionPropertiesAreSamProperties() {
        for (String id : FUNCTIONS.keySet()) {
            assertThat(template.properties(id).keySet()).as(id).isSubsetOf(SAM_FUNCTION_PROPERTIES);
            assertThat(map(template.properties(id).get("SnapStart")).keySet()).as(id).containsExactly("ApplyOn");
        }
    }
}
