package io.firelake.endpoint.athena;

import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.services.athena.model.CreateNamedQueryRequest;
import software.amazon.awssdk.services.athena.model.CreateWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.NamedQuery;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupState;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Athena's work groups and named queries, kept in the data directory. The {@code primary} work group always exists,
 * as in every account.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/workgroups-manage-queries-control-costs.html">Work groups</a>
 */
public final class AthenaCatalog {

    public static final String PRIMARY = "primary";

    private final JsonFileStore store;
    private final Clock clock;
    private final List<WorkGroup> workGroups;
    private final List<NamedQuery> namedQueries;

    public AthenaCatalog(JsonFileStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.workGroups = new CopyOnWriteArrayList<>(store.load("work-groups", WorkGroup::builder));
        this.namedQueries = new CopyOnWriteArrayList<>(store.load("named-queries", NamedQuery::builder));
        if (find(PRIMARY).isEmpty()) {
            workGroups.add(WorkGroup.builder().name(PRIMARY).state(WorkGroupState.ENABLED)
                    .description("The default work group").creationTime(clock.instant()).build());
        }
    }

    public synchronized void createWorkGroup(CreateWorkGroupRequest r) {
        if (find(r.name()).isPresent()) {
            throw AthenaApi.invalidRequest(AthenaApi.INVALID_INPUT, "WorkGroup " + r.name() + " is already created");
        }
        WorkGroupConfiguration config = r.configuration() == null ? WorkGroupConfiguration.builder().build()
                : r.configuration();
        // Athena reports the engine a work group runs, whichever was asked for (AUTO by default).
        String selected = config.engineVersion() == null || config.engineVersion().selectedEngineVersion() == null
                ? "AUTO" : config.engineVersion().selectedEngineVersion();
        config = config.toBuilder().engineVersion(v -> v.selectedEngineVersion(selected)
                .effectiveEngineVersion(ExecutionStates.ENGINE_VERSION)).build();
        workGroups.add(WorkGroup.builder().name(r.name()).description(r.description()).configuration(config)
                .state(WorkGroupState.ENABLED).creationTime(clock.instant()).build());
        store.save("work-groups", workGroups);
    }

    public WorkGroup workGroup(String name) {
        String wanted = name == null || name.isBlank() ? PRIMARY : name;
        return find(wanted).orElseThrow(() ->
                AthenaApi.invalidRequest(AthenaApi.INVALID_INPUT, "WorkGroup " + wanted + " is not found."));
    }

    public List<WorkGroup> workGroups() {
        return workGroups.stream().sorted(Comparator.comparing(WorkGroup::name)).toList();
    }

    public synchronized String createNamedQuery(CreateNamedQueryRequest r) {
        String group = workGroup(r.workGroup()).name();
        String id = UUID.nameUUIDFromBytes((group + "/" + r.name() + "/" + r.clientRequestToken()).getBytes(
                StandardCharsets.UTF_8)).toString();
        Optional<NamedQuery> same = namedQueries.stream().filter(q -> q.namedQueryId().equals(id)).findFirst();
        if (same.isPresent() && r.clientRequestToken() != null) {
            return id;
        }
        String fresh = r.clientRequestToken() == null ? UUID.randomUUID().toString() : id;
        namedQueries.add(NamedQuery.builder().namedQueryId(fresh).name(r.name()).description(r.description())
                .database(r.database()).queryString(r.queryString()).workGroup(group).build());
        store.save("named-queries", namedQueries);
        return fresh;
    }

    public NamedQuery namedQuery(String id) {
        return namedQueries.stream().filter(q -> q.namedQueryId().equals(id)).findFirst().orElseThrow(() ->
                AthenaApi.invalidRequest(AthenaApi.INVALID_INPUT, "NamedQuery " + id + " was not found"));
    }

    public Optional<NamedQuery> findNamedQuery(String id) {
        return namedQueries.stream().filter(q -> q.namedQueryId().equals(id)).findFirst();
    }

    public List<String> namedQueryIds(String workGroup) {
        String group = workGroup(workGroup).name();
        return namedQueries.stream().filter(q -> q.workGroup().equals(group))
                .sorted(Comparator.comparing(NamedQuery::name)).map(NamedQuery::namedQueryId).toList();
    }

    public synchronized void deleteNamedQuery(String id) {
        namedQueries.remove(namedQuery(id));
        store.save("named-queries", namedQueries);
    }

    private Optional<WorkGroup> find(String name) {
        return workGroups.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
