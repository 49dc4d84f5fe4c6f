package io.firelake.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SAM template's resources with their references resolved for the local pipeline, as CloudFormation resolves
 * them: {@code !Ref} and {@code !Sub} of the stack name, region, account, the Parameters' defaults, and the resources
 * the local pipeline names (every bucket is the lake bucket; the Glue database, the Athena work group, the delivery
 * stream and the functions by their names).
 */
final class TemplateReferences {

    private static final Pattern SUB = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");

    private final JsonNode resources;
    private final Map<String, String> parameters;
    private final String stack;
    private final String bucket;

    TemplateReferences(JsonNode resources, Map<String, String> parameters, String stack, String bucket) {
        this.resources = resources;
        this.parameters = parameters;
        this.stack = stack;
        this.bucket = bucket;
    }

    /** The Properties of every resource of the type, in the template's order. */
    List<JsonNode> ofType(String type) {
        List<JsonNode> found = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.add(e.getValue().path("Properties"));
            }
        });
        return found;
    }

    /** A copy of the tree with every text resolved ({@code !Ref X} and {@code !Sub '...${X}...'} read as text). */
    JsonNode resolve(JsonNode node) {
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

    /** A resource's or parameter's value as {@code !Ref} gives it; null when the template has no such name. */
    String reference(String name) {
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
            case "AWS::KinesisFirehose::DeliveryStream" -> resolve(properties.path("DeliveryStreamName").asText());
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> properties.has("FunctionName")
                    ? resolve(properties.path("FunctionName").asText()) : name;
            default -> null;
        };
    }
}
