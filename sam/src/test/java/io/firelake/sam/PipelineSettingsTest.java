package io.firelake.sam;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.firelake.sam.SamTemplate.list;
import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template's Parameters are the pipeline's one settings source: the local runtime reads their defaults, AWS
 * deploys with them. So each setting the local runtime uses exists with a valid default, and every parameter is used.
 */
class PipelineSettingsTest {

    /** The parameters the local runtime reads (issue 4): renaming one breaks `firelake demo`. */
    static final List<String> LOCAL_RUNTIME_SETTINGS = List.of("StreamName", "StreamMode", "ShardCount",
            "DeliveryStreamName", "ProcessorBufferSizeMB", "ProcessorBufferIntervalSeconds", "ProcessorRetries",
            "S3BufferSizeMB", "S3BufferIntervalSeconds", "RawPrefix", "ErrorPrefix", "GlueDatabaseName",
            "RawTableName", "SpeedLayerWindowSeconds", "SpeedLayerBatchSize", "SpeedLayerBatchingWindowSeconds",
            "AggregatesTableName", "AggregatesTtlDays");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void everySettingTheLocalRuntimeReadsExistsWithADefault() {
        for (String name : LOCAL_RUNTIME_SETTINGS) {
            assertThat(template.parameter(name)).as(name).containsKey("Default");
        }
    }

    @Test
    void everySettingTheLocalRuntimeCodeNamesIsAParameterWithADefault() throws IOException {
        java.nio.file.Path settings = SamTemplate.moduleDir()
                .resolveSibling("local-runtime/src/main/java/io/firelake/local/config/PipelineSettings.java");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(settings), "local-runtime is not in this tree");
        Matcher read = Pattern.compile("\\w+\\(\"([A-Z][A-Za-z0-9]+)\"\\)").matcher(Files.readString(settings));
        List<String> names = new ArrayList<>();
        while (read.find()) {
            names.add(read.group(1));
        }
        assertThat(names).isNotEmpty();
        for (String name : names) {
            assertThat(template.parameter(name)).as("%s, read by the local runtime", name).containsKey("Default");
        }
        assertThat(LOCAL_RUNTIME_SETTINGS).containsAll(names);
    }

    @Test
    void everyDefaultSatisfiesItsOwnConstraints() {
        template.parameters().forEach((name, body) -> {
            Map<String, Object> parameter = map(body);
            if (parameter.containsKey("Default")) {
                assertThat(violations(parameter, parameter.get("Default"))).as(name).isEmpty();
            }
        });
    }

    @Test
    void everyParameterIsUsed() {
        String used = String.valueOf(template.resources()) + template.conditions() + template.section("Outputs");
        for (String name : template.parameters().keySet()) {
            assertThat(used.contains("Ref=" + name + "}") || used.contains("${" + name + "}"))
                    .as("parameter %s is referenced by a resource, condition or output", name).isTrue();
        }
    }

    @Test
    void samconfigOverridesOnlyKnownParametersWithValidValues() throws IOException {
        String samconfig = Files.readString(SamTemplate.moduleDir().resolve("samconfig.toml"));
        Matcher line = Pattern.compile("(?m)^parameter_overrides\\s*=\\s*\"(.*)\"\\s*$").matcher(samconfig);
        assertThat(line.find()).as("samconfig.toml has parameter_overrides").isTrue();
        Map<String, String> overrides = new LinkedHashMap<>();
        Matcher pair = Pattern.compile("(\\w+)=\\\\\"([^\\\\]*)\\\\\"").matcher(line.group(1));
        while (pair.find()) {
            overrides.put(pair.group(1), pair.group(2));
        }
        assertThat(overrides).isNotEmpty();
        overrides.forEach((name, value) ->
                assertThat(violations(template.parameter(name), value)).as(name + "=" + value).isEmpty());
        assertThat(samconfig).contains("capabilities = \"CAPABILITY_IAM\"");
    }

    /** What is wrong with {@code value} for the parameter, under CloudFormation's parameter constraints. */
    static List<String> violations(Map<String, Object> parameter, Object value) {
        List<String> problems = new ArrayList<>();
        String text = String.valueOf(value);
        if ("Number".equals(parameter.get("Type"))) {
            BigDecimal number;
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return List.of(text + " is not a number");
            }
            if (parameter.containsKey("MinValue") && number.compareTo(new BigDecimal(String.valueOf(parameter.get("MinValue")))) < 0) {
                problems.add(text + " < MinValue");
            }
            if (parameter.containsKey("MaxValue") && number.compareTo(new BigDecimal(String.valueOf(parameter.get("MaxValue")))) > 0) {
                problems.add(text + " > MaxValue");
            }
        }
        if (parameter.containsKey("AllowedValues")
                && list(parameter.get("AllowedValues")).stream().map(String::valueOf).noneMatch(text::equals)) {
            problems.add(text + " not in AllowedValues");
        }
        if (parameter.containsKey("AllowedPattern") && !text.matches((String) parameter.get("AllowedPattern"))) {
            problems.add(text + " does not match AllowedPattern");
        }
        return problems;
    }
}
