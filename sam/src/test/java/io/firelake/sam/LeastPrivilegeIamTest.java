package io.firelake.sam;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.firelake.sam.SamTemplate.at;
import static io.firelake.sam.SamTemplate.list;
import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * IAM with least privilege: every Allow names its actions (no {@code *} in any action, no NotAction) and its resources;
 * {@code "*"} as a resource only for actions IAM offers no resource-level permission for, under a condition and with
 * a comment in the template saying why. No managed policies (AWS managed ones grant far more than a role needs).
 * Deny statements may use wildcards: they only take permissions away (the TLS-only bucket policies).
 *
 * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html">
 *     Actions, resources and condition keys</a>
 */
class LeastPrivilegeIamTest {

    /** Actions whose "Resource types" column in the service authorization reference is empty. */
    private static final Set<String> NO_RESOURCE_LEVEL_PERMISSIONS = Set.of("cloudwatch:PutMetricData");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void everyAllowNamesItsActionsAndResources() {
        assertThat(problems(statements())).isEmpty();
        assertThat(statements()).hasSizeGreaterThan(10);
    }

    @Test
    void theCheckFlagsWildcards() {
        assertThat(problems(Map.of(
                "probe.Statement[0]", Map.of("Effect", "Allow", "Action", "s3:Get*", "Resource", "arn:aws:s3:::b/*"),
                "probe.Statement[1]", Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", "*"),
                "probe.Statement[2]", Map.of("Effect", "Allow", "NotAction", "iam:PassRole", "Resource", "arn:x"))))
                .hasSize(4);
    }

    private static List<String> problems(Map<String, Map<String, Object>> statements) {
        List<String> problems = new ArrayList<>();
        statements.forEach((where, statement) -> {
            if (!"Allow".equals(statement.get("Effect"))) {
                return;
            }
            if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
                problems.add(where + ": NotAction/NotResource grant everything else");
            }
            List<Object> actions = list(statement.get("Action"));
            for (Object action : actions) {
                if (!(action instanceof String name) || name.contains("*") || !name.contains(":")) {
                    problems.add(where + ": action " + action + " is not one named action");
                }
            }
            if (where.contains("AssumeRolePolicyDocument")) {
                return; // trust policies name a Principal, not a Resource
            }
            List<Object> resources = list(statement.get("Resource"));
            if (resources.isEmpty()) {
                problems.add(where + ": no Resource");
            }
            if (resources.contains("*")) {
                if (!NO_RESOURCE_LEVEL_PERMISSIONS.containsAll(actions)) {
                    problems.add(where + ": Resource * for " + actions + ", which support narrower resources");
                }
                if (!statement.containsKey("Condition")) {
                    problems.add(where + ": Resource * without a Condition");
                }
            }
        });
        return problems;
    }

    @Test
    void everyStarResourceIsExplainedByAComment() {
        List<String> lines = template.text().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().matches("Resource: ['\"]\\*['\"]")) {
                boolean explained = false;
                for (int j = Math.max(0, i - 6); j < i; j++) {
                    explained |= lines.get(j).trim().startsWith("#");
                }
                assertThat(explained).as("line %d: Resource '*' needs a comment saying why", i + 1).isTrue();
            }
        }
    }

    @Test
    void rolesCarryNoManagedPoliciesAndFunctionsUseTheirOwnRole() {
        for (String role : template.resourcesOfType("AWS::IAM::Role")) {
            assertThat(template.properties(role)).as(role).doesNotContainKey("ManagedPolicyArns");
        }
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            assertThat(template.properties(function)).as(function).containsKey("Role").doesNotContainKey("Policies");
        }
    }

    /** Every policy statement in the template, keyed by where it is. */
    private Map<String, Map<String, Object>> statements() {
        Map<String, Map<String, Object>> statements = new java.util.LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            Map<String, Object> properties = at(resource, "Properties").map(SamTemplate::map).orElse(Map.of());
            List<Object> documents = new ArrayList<>();
            String type = (String) map(resource).get("Type");
            switch (type) {
                case "AWS::IAM::Role" -> {
                    documents.add(properties.get("AssumeRolePolicyDocument"));
                    list(properties.get("Policies")).forEach(p -> documents.add(map(p).get("PolicyDocument")));
                }
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy",
                        "AWS::SNS::TopicPolicy" -> documents.add(properties.get("PolicyDocument"));
                default -> {
                }
            }
            for (int d = 0; d < documents.size(); d++) {
                List<Object> list = list(at(documents.get(d), "Statement").orElse(List.of()));
                for (int s = 0; s < list.size(); s++) {
                    String where = id + (d == 0 && type.equals("AWS::IAM::Role") ? ".AssumeRolePolicyDocument" : ".policy" + d)
                            + ".Statement[" + s + "]";
                    statements.put(where, map(list.get(s)));
                }
            }
        });
        return statements;
    }
}
