package io.firelake.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.firelake.athena.template.NamedQueries;
import io.firelake.endpoint.json.SdkJson;
import io.firelake.local.config.PipelineSettings;
import software.amazon.awssdk.services.athena.model.CreateNamedQueryRequest;
import software.amazon.awssdk.services.athena.model.CreateWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private final TemplateReferences template;

    private TemplateAthena(TemplateReferences template) {
        this.template = template;
    }

    /** The resources of the template {@code local up} reads (the repository's, else the packaged copy). */
    public static Resources of(PipelineSettings settings, String stack, String lakeBucket) {
        return of(io.firelake.config.sam.SamTemplate.resources(), settings.parameters(), stack, lakeBucket);
    }

    public static Resources of(JsonNode resources, Map<String, String> parameters, String stack, String lakeBucket) {
        return new TemplateAthena(new TemplateReferences(resources, parameters, stack, lakeBucket)).read();
    }

    private Resources read() {
        List<JsonNode> groups = template.ofType("AWS::Athena::WorkGroup");
        if (groups.size() != 1) {
            throw new IllegalStateException("the SAM template has " + groups.size()
                    + " AWS::Athena::WorkGroup resources; the local pipeline creates exactly one");
        }
        JsonNode group = template.resolve(groups.get(0));
        CreateWorkGroupRequest.Builder workGroup = CreateWorkGroupRequest.builder().name(group.path("Name").asText())
                .description(group.path("Description").asText(null));
        if (group.has("WorkGroupConfiguration")) {
            workGroup.configuration(SdkJson.read(group.get("WorkGroupConfiguration"),
                    WorkGroupConfiguration.builder()));
        }
        List<CreateNamedQueryRequest> queries = new ArrayList<>();
        for (JsonNode query : template.ofType("AWS::Athena::NamedQuery")) {
            JsonNode q = template.resolve(query);
            queries.add(CreateNamedQueryRequest.builder().name(q.path("Name").asText())
                    .description(q.path("Description").asText(null)).database(q.path("Database").asText())
                    .queryString(q.path("QueryString").asText()).workGroup(q.path("WorkGroup").asText(null))
                    .build());
        }
        // The reports' named queries are generated into the deployed template at build time (NamedQueries): the
        // same source here, in the template's work group and database.
        String database = template.reference("GlueDatabase");
        for (NamedQueries.NamedQuery q : NamedQueries.all()) {
            queries.add(CreateNamedQueryRequest.builder().name(q.name()).description(q.description())
                    .database(database).queryString(q.queryString()).workGroup(group.path("Name").asText()).build());
        }
        return new Resources(workGroup.build(), queries);
    }
}
