package io.firelake.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.firelake.sam.SamTemplate.list;
import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code Ref}, {@code Fn::GetAtt}, {@code ${}} in {@code Fn::Sub}, condition name and {@code DependsOn} names
 * something that exists: a parameter, a resource, a pseudo parameter, a resource attribute the resource specification
 * lists, or a reference SAM generates ({@code Function.Alias}). A resource that exists only under a condition is
 * referenced only from resources under the same condition.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html">Pseudo parameters</a>
 * @see <a href="https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html">
 *     SAM generated resources</a>
 */
class ReferencesResolveTest {

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
            "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    /** What SAM lets a template reference on a function with AutoPublishAlias, and the attribute it offers. */
    private static final Set<String> SAM_FUNCTION_REFERENCES = Set.of("Alias", "Version");
    private static final Set<String> SAM_FUNCTION_ATTRIBUTES = Set.of("Arn");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private static JsonNode specification;
    private final SamTemplate template = SamTemplate.load();
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void loadSpecification() throws IOException {
        NodeTools.ensureInstalled();
        specification = new ObjectMapper().readTree(
                NodeTools.TOOLS.resolve("node_modules/@aws-cdk/cfnspec/spec/specification.json").toFile());
    }

    @Test
    void everyReferenceResolves() {
        template.resources().forEach((id, resource) -> {
            Map<String, Object> r = map(resource);
            String condition = (String) r.get("Condition");
            if (condition != null && !template.conditions().containsKey(condition)) {
                problems.add(id + ": unknown condition " + condition);
            }
            for (Object dependency : list(r.get("DependsOn"))) {
                if (!template.resources().containsKey(dependency)) {
                    problems.add(id + ": DependsOn unknown resource " + dependency);
                }
            }
            check("Resources." + id, r.get("Properties"), condition, Set.of());
        });
        template.section("Outputs").forEach((id, output) -> check("Outputs." + id, output, null, Set.of()));
        template.conditions().forEach((id, body) -> check("Conditions." + id, body, null, Set.of()));
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFindsABrokenReference() {
        // The checker itself: an unknown attribute and an unknown Sub variable must be reported.
        check("probe", Map.of("Fn::GetAtt", List.of("LakeBucket", "Nope")), null, Set.of());
        check("probe", Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::${NoSuchBucket}"), null, Set.of());
        // The template has no conditional resource since the batch layer is always deployed: an unknown condition.
        check("probe", Map.of("Fn::If", List.of("NoSuchCondition", "a", "b")), null, Set.of());
        assertThat(problems).hasSize(3);
    }

    /**
     * Walks {@code node}; {@code condition} is the condition of the resource being walked, {@code guarded} the
     * conditions an enclosing {@code Fn::If} has established.
     */
    private void check(String path, Object node, String condition, Set<String> guarded) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                Object key = m.keySet().iterator().next();
                Object argument = m.get(key);
                switch (String.valueOf(key)) {
                    case "Ref" -> ref(path, (String) argument, condition, guarded);
                    case "Fn::GetAtt" -> getAtt(path, list(argument), condition, guarded);
                    case "Fn::Sub" -> sub(path, argument, condition, guarded);
                    case "Condition" -> conditionName(path, argument);
                    case "Fn::If" -> {
                        List<Object> branches = list(argument);
                        conditionName(path, branches.get(0));
                        Set<String> inside = new HashSet<>(guarded);
                        inside.add((String) branches.get(0));
                        check(path + ".If[true]", branches.get(1), condition, inside);
                        check(path + ".If[false]", branches.get(2), condition, guarded);
                        return;
                    }
                    default -> {
                    }
                }
                if (Set.of("Ref", "Fn::GetAtt", "Fn::Sub", "Condition").contains(String.valueOf(key))) {
                    return;
                }
            }
            m.forEach((k, v) -> check(path + "." + k, v, condition, guarded));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                check(path + "[" + i + "]", l.get(i), condition, guarded);
            }
        }
    }

    private void conditionName(String path, Object name) {
        if (!template.conditions().containsKey(name)) {
            problems.add(path + ": unknown condition " + name);
        }
    }

    private void ref(String path, String name, String condition, Set<String> guarded) {
        if (PSEUDO_PARAMETERS.contains(name) || template.parameters().containsKey(name)) {
            return;
        }
        String resource = name;
        if (name.contains(".")) {
            resource = name.substring(0, name.indexOf('.'));
            String generated = name.substring(name.indexOf('.') + 1);
            if (!isSamFunctionWithAlias(resource) || !SAM_FUNCTION_REFERENCES.contains(generated)) {
                problems.add(path + ": Ref " + name + " is no SAM-generated reference");
                return;
            }
        }
        resourceExists(path, "Ref " + name, resource, condition, guarded);
    }

    private void getAtt(String path, List<Object> argument, String condition, Set<String> guarded) {
        String resource = (String) argument.get(0);
        String attribute = String.valueOf(argument.get(1));
        if (resourceExists(path, "GetAtt " + resource + "." + attribute, resource, condition, guarded)) {
            attributeExists(path, resource, attribute);
        }
    }

    private void sub(String path, Object argument, String condition, Set<String> guarded) {
        List<Object> parts = argument instanceof List<?> ? list(argument) : List.of(argument);
        Map<String, Object> variables = parts.size() > 1 ? map(parts.get(1)) : Map.of();
        variables.forEach((k, v) -> check(path + ".Sub." + k, v, condition, guarded));
        Matcher matcher = SUB_VARIABLE.matcher((String) parts.get(0));
        while (matcher.find()) {
            String variable = matcher.group(1);
            if (variable.startsWith("!") || variables.containsKey(variable)) {
                continue; // ${!literal} is written out as ${literal}
            }
            if (variable.contains(".") && !variable.startsWith("AWS::")) {
                String resource = variable.substring(0, variable.indexOf('.'));
                if (resourceExists(path, "${" + variable + "}", resource, condition, guarded)) {
                    attributeExists(path, resource, variable.substring(variable.indexOf('.') + 1));
                }
            } else {
                ref(path, variable, condition, guarded);
            }
        }
    }

    private boolean resourceExists(String path, String what, String resource, String condition, Set<String> guarded) {
        if (!template.resources().containsKey(resource)) {
            problems.add(path + ": " + what + " names no parameter, resource or pseudo parameter");
            return false;
        }
        Object targetCondition = map(template.resources().get(resource)).get("Condition");
        if (targetCondition != null && !targetCondition.equals(condition) && !guarded.contains(targetCondition)) {
            problems.add(path + ": " + what + " exists only under condition " + targetCondition
                    + ", referenced outside it");
        }
        return true;
    }

    private void attributeExists(String path, String resource, String attribute) {
        String type = template.type(resource);
        if (type.startsWith("AWS::Serverless::")) {
            if (!type.equals("AWS::Serverless::Function") || !SAM_FUNCTION_ATTRIBUTES.contains(attribute)) {
                problems.add(path + ": " + type + " has no attribute " + attribute);
            }
            return;
        }
        JsonNode attributes = specification.path("ResourceTypes").path(type).path("Attributes");
        if (!attributes.has(attribute)) {
            problems.add(path + ": " + resource + " (" + type + ") has no attribute " + attribute);
        }
    }

    private boolean isSamFunctionWithAlias(String resource) {
        return template.resources().containsKey(resource)
                && "AWS::Serverless::Function".equals(template.type(resource))
                && template.properties(resource).containsKey("AutoPublishAlias");
    }
}
