package io.firelake.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.athena.template.NamedQueries;
import io.firelake.endpoint.json.SdkJson;
import io.firelake.local.config.PipelineSettings;
import software.amazon.awssdk.services.athena.model.CreateNamedQueryRequest;
import software.amazon.awssdk.services.athena.model.CreateWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SAM template's Athena resources as the API requests that create them, as CloudFormation creates them: the
 * work group ({@code AWS::Athena::WorkGroup}, {@code <stack>-reports}, with its configuration: the result location,
 * the bytes-scanned limit, enforcement) and the named queries ({@code AWS::Athena::NamedQuery}: the reports', which
 * the build writes into the deployed template from the same {@link NamedQueries}). The template's
 * references are resolved for the local pipeline: the stack name, the Parameters' defaults, the Glue database's name,
 * and every bucket as the lake bucket (locally one bucket holds the lake and, under the template's prefix, the
 * query results).
 */
public final class TemplateAthena {

    /** What {@code local up} creates through the Athena API. */
    public record Resources(CreateWorkGroupRequest workGroup, List<CreateNamedQueryRequest> namedQueries) {
        public Resources {
            namedQueries = List.copyOf(namedQueries);
        }
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");

    private final JsonNode resources;
    private final Map<String, String> parameters;
    private final String stack;
    private final String bucket;

    private TemplateAthena(JsonNode resources, Map<String, String> parameters, String stack, String bucket) {
        this.resources = resources;
        this.parameters = parameters;
        this.stack = stack;
        this.bucket = bucket;
    }

    /** The resources of the template {@code local up} reads (the repository's, else the packaged copy). */
    public static Resources of(PipelineSettings settings, String stack, String lakeBucket) {
        return of(io.firelake.config.sam.SamTemplate.resources(), settings.parameters(), stack, lakeBucket);
    }

    static Resources of(JsonNode resources, Map<String, String> parameters, String stack, String lakeBucket) {
        return new TemplateAthena(resources, parameters, stack, lakeBucket).read();
    }

    private Resources read() {
        List<JsonNode> groups = ofType("AWS::Athena::WorkGroup");
        if (groups.size() != 1) {
            throw new IllegalStateException("the SAM template has " + groups.size()
                    + " AWS::Athena::WorkGroup resources; the local pipeline creates exactly one");
        }
        JsonNode group = resolve(groups.get(0));
        CreateWorkGroupRequest.Builder workGroup = CreateWorkGroupRequest.builder().name(group.path("Name").asText())
                .description(group.path("Description").asText(null));
        if (group.has("WorkGroupConfiguration")) {
            workGroup.configuration(SdkJson.read(group.get("WorkGroupConfiguration"),
                    WorkGroupConfiguration.builder()));
        }
        List<CreateNamedQueryRequest> queries = new ArrayList<>();
        for (JsonNode query : ofType("AWS::Athena::NamedQuery")) {
            JsonNode q = resolve(query);
            queries.add(CreateNamedQueryRequest.builder().name(q.path("Name").asText())
                    .description(q.path("Description").asText(null)).database(q.path("Database").asText())
                    .queryString(q.path("QueryString").asText()).workGroup(q.path("WorkGroup").asText(null))
                    .build());
        }
        // The reports' named queries are generated into the deployed template at build time (NamedQueries): the
        // same source here, in the template's work group and database.
        String database = reference("GlueDatabase");
        for (NamedQueries.NamedQuery q : NamedQueries.all()) {
            queries.add(CreateNamedQueryRequest.builder().name(q.name()).description(q.description())
                    .database(database).queryString(q.queryString()).workGroup(group.path("Name").asText()).build());
        }
        return new Resources(workGroup.build(), queries);
    }

    /** The Properties of every resource of the type, in the template's order. */
    private List<JsonNode> ofType(String type) {
        List<JsonNode> found = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.add(e.getValue().path("Properties"));
            }
        });
        return found;
    }

    /** A copy of the tree with every text resolved ({@code !Ref X} and {@code !Sub '...${X}...'} read as text). */
    private JsonNode resolve(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                copy.set(f.getKey(), resolve(f.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(resolve(item)));
            return copy;
        }
        return node.isTextual() ? JsonNodeFactory.instance.textNode(resolve(node.asText())) : node;
    }

    /** A reference's value, or the text with its {@code ${X}} substituted. */
    private String resolve(String text) {
        String ref = reference(text);
        if (ref != null) {
            return ref;
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = reference(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String reference(String name) {
        switch (name) {
            case "AWS::StackName":
                return stack;
            case "AWS::Region":
                return TemplateDeliveryStream.REGION;
            case "AWS::AccountId":
                return TemplateDeliveryStream.ACCOUNT;
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        JsonNode resource = resources.get(name);
        if (resource == null) {
            return null;
        }
        JsonNode properties = resource.path("Properties");
        return switch (resource.path("Type").asText()) {
            case "AWS::S3::Bucket" -> bucket;
            case "AWS::Glue::Database" -> resolve(properties.path("DatabaseInput").path("Name").asText());
            case "AWS::Athena::WorkGroup" -> resolve(properties.path("Name").asText());
            default -> null;
        };
    }
}
