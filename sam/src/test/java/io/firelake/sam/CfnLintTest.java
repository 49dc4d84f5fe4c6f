package io.firelake.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates the template's resources against the CloudFormation resource specification: npm {@code cfn-lint} 1.9.7
 * (it understands the Serverless transform) with its 2019 specification replaced by the one of npm
 * {@code @aws-cdk/cfnspec} 2.72.1 ({@code tools/lint.js}). It checks property names, required properties, value types,
 * nested property types and references, under two parameter sets so conditional resources are checked too.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-resource-specification.html">
 *     CloudFormation resource specification</a>
 */
class CfnLintTest {

    /**
     * What cfn-lint 1.9.7 reports wrongly: its SAM schema predates these AWS::Serverless::Function properties.
     * {@link ServerlessFunctionTest} checks them against the SAM specification instead.
     */
    private static final List<Pattern> TOOL_GAPS = List.of(
            Pattern.compile("SnapStart is not a valid property of AWS::Serverless::Function"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void installTools() {
        NodeTools.ensureInstalled();
    }

    @Test
    void templateIsValidWithItsDefaults() throws IOException {
        // The two parameters without a Default are what firelake deploy passes: where it uploaded the Glue code.
        assertThat(realProblems(lint(Map.of(
                "GlueScriptLocation", "s3://firelake-artifacts-123456789012/glue/0a1b/launcher.scala",
                "GlueJobsJarLocation", "s3://firelake-artifacts-123456789012/glue/0a1b/firelake-glue-jobs.jar"))))
                .isEmpty();
    }

    @Test
    void templateIsValidWithEveryOptionalPartSwitchedOn() throws IOException {
        Map<String, String> everything = Map.of(
                "StreamMode", "PROVISIONED",
                "AlarmTopicArn", "arn:aws:sns:us-east-1:123456789012:firelake-alarms",
                "GlueScriptLocation", "s3://firelake-artifacts-123456789012/glue/launcher.scala",
                "GlueJobsJarLocation", "s3://firelake-artifacts-123456789012/glue/firelake-glue-jobs.jar");
        assertThat(realProblems(lint(everything))).isEmpty();
    }

    @Test
    void lintCatchesAnUnknownProperty() throws IOException {
        // Guards against a lint that silently checks nothing (a broken spec swap would pass every template).
        String broken = SamTemplate.load().text().replace("      GlueVersion: '5.0'\n",
                "      GlueVersion: '5.0'\n      WorkerCount: 2\n");
        java.nio.file.Path copy = java.nio.file.Files.createTempFile("firelake-broken", ".yaml");
        try {
            java.nio.file.Files.writeString(copy, broken);
            JsonNode result = lint(copy.toString(), Map.of(
                    "GlueScriptLocation", "s3://b/launcher.scala", "GlueJobsJarLocation", "s3://b/jobs.jar"));
            assertThat(realProblems(result))
                    .anyMatch(p -> p.contains("WorkerCount is not a valid property of AWS::Glue::Job"));
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }

    private static JsonNode lint(Map<String, String> parameters) throws IOException {
        return lint(SamTemplate.deployed().path().toString(), parameters);
    }

    private static JsonNode lint(String template, Map<String, String> parameters) throws IOException {
        NodeTools.Result result = NodeTools.run(2, "node", "lint.js", template, JSON.writeValueAsString(parameters));
        assertThat(result.exitCode()).as("cfn-lint run: %s", result.output()).isZero();
        return JSON.readTree(result.output());
    }

    /** Critical findings and warnings, less the documented tool gaps. */
    private static List<String> realProblems(JsonNode result) {
        List<String> problems = new ArrayList<>();
        for (String level : List.of("crit", "warn")) {
            for (JsonNode error : result.path("errors").path(level)) {
                String message = error.path("message").asText();
                if (TOOL_GAPS.stream().noneMatch(gap -> gap.matcher(message).find())) {
                    problems.add(level + ": " + error.path("resource").asText() + ": " + message);
                }
            }
        }
        return problems;
    }
}
