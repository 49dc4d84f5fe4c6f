package io.firelake.sam;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.firelake.sam.SamTemplate.list;
import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Lambda's role grants exactly what its code calls, read from the deployed jar rather than typed twice: the AWS
 * SDK operations called by the classes its handler reaches (each SDK v2 client method is one API operation, whose IAM
 * action has the operation's name), plus what Lambda itself does with the role (polling the stream for the event source
 * mapping, writing the on-failure destination, writing the function's logs), listed here with the page that says so.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html">Lambda with Kinesis: execution role permissions</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html">Lambda logs: permissions</a>
 */
class CodeCallsAreGrantedTest {

    private static final Set<String> LOGS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");
    /** What Lambda does with each function's role beside the code's own calls. */
    private static final Map<String, Set<String>> SERVICE_SIDE = Map.of(
            "TransformFunction", LOGS,
            "SpeedLayerFunction", union(LOGS, Set.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
                    "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "sqs:SendMessage")));
    private static final Pattern SDK_CALL = Pattern.compile(
            "software/amazon/awssdk/services/([a-z0-9]+)/\\w+?(?:Async)?Client\\.([a-z]\\w*)");

    private final SamTemplate source = SamTemplate.load();

    @Test
    void everyFunctionRoleGrantsWhatItsCodeCallsAndNothingMore() throws IOException {
        for (String function : source.resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> properties = source.properties(function);
            Path jar = SamTemplate.moduleDir().resolve(String.valueOf(properties.get("CodeUri"))).normalize();
            assertThat(jar).as("%s: built by ./mvnw package before this test", function).exists();
            Set<String> calls = sdkCalls(jar, String.valueOf(properties.get("Handler")));
            Set<String> expected = union(calls, SERVICE_SIDE.get(function));
            assertThat(granted(function)).as("%s: its role's actions = its code's SDK calls %s + Lambda's own",
                    function, calls).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void theScanFindsTheSpeedLayersWrite() throws IOException {
        Path jar = SamTemplate.moduleDir().resolve("../speed-layer/target/firelake-speed-layer.jar").normalize();
        assertThat(sdkCalls(jar, "io.firelake.speed.SpeedLayerHandler::handleRequest")).contains("dynamodb:PutItem");
    }

    /**
     * The IAM actions of the SDK operations that code reachable from the handler method calls: a call graph over the
     * jar's {@code io/firelake} classes, from the handler method, its class's constructors and static initializers; a
     * call on a type of ours reaches that method in its subtypes too, and a class reached reaches its method handles
     * (lambda bodies, method references).
     */
    static Set<String> sdkCalls(Path jar, String handler) throws IOException {
        String handlerClass = handler.replaceFirst("::.*", "").replace('.', '/');
        String handlerMethod = handler.contains("::") ? handler.replaceFirst(".*::", "") : "handleRequest";
        Map<String, ClassCalls> classes = new HashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            new ClassFileImporter().withImportOption(location -> location.contains("!/io/firelake/"))
                    .importJar(file).forEach(c -> classes.put(internal(c), ClassCalls.of(c)));
        }
        Map<String, Set<String>> subtypes = new HashMap<>();
        classes.values().forEach(c -> c.supertypes().forEach(s -> subtypes.computeIfAbsent(s, k -> new HashSet<>())
                .add(c.name())));
        Set<String> actions = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> reachedClasses = new HashSet<>();
        Deque<String> work = new ArrayDeque<>(List.of(handlerClass + "." + handlerMethod, handlerClass + ".<init>"));
        while (!work.isEmpty()) {
            String method = work.pop();
            if (!seen.add(method)) {
                continue;
            }
            String owner = method.substring(0, method.lastIndexOf('.'));
            String name = method.substring(method.lastIndexOf('.') + 1);
            ClassCalls c = classes.get(owner);
            if (c == null) {
                continue;
            }
            List<String> targets = new ArrayList<>();
            if (reachedClasses.add(owner)) {
                targets.add(owner + ".<clinit>");
                targets.addAll(c.handles());
            }
            List<String> calls = c.calls().get(name);
            if (calls == null) {
                c.supertypes().forEach(s -> targets.add(s + "." + name)); // inherited
            } else {
                targets.addAll(calls);
            }
            for (String target : targets) {
                Matcher m = SDK_CALL.matcher(target);
                if (m.matches()) {
                    if (!Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration")
                            .contains(m.group(2))) {
                        String operation = m.group(2).replaceFirst("Paginator$", "");
                        actions.add(m.group(1) + ":" + Character.toUpperCase(operation.charAt(0))
                                + operation.substring(1));
                    }
                    continue;
                }
                work.push(target);
                String targetOwner = target.substring(0, target.lastIndexOf('.'));
                String targetName = target.substring(target.lastIndexOf('.') + 1);
                Deque<String> below = new ArrayDeque<>(subtypes.getOrDefault(targetOwner, Set.of()));
                Set<String> visited = new HashSet<>();
                while (!below.isEmpty()) {
                    String sub = below.pop();
                    if (visited.add(sub)) {
                        work.push(sub + "." + targetName);
                        below.addAll(subtypes.getOrDefault(sub, Set.of()));
                    }
                }
            }
        }
        return actions;
    }

    /**
     * A class of the jar as far as the call graph needs it, in internal names: its supertypes, for each method the
     * methods its code invokes (lambda bodies' calls included, as ArchUnit attributes them), and its method references.
     */
    private record ClassCalls(String name, List<String> supertypes, Map<String, List<String>> calls, List<String> handles) {

        static ClassCalls of(JavaClass c) {
            List<String> supertypes = new ArrayList<>();
            c.getRawSuperclass().ifPresent(s -> supertypes.add(internal(s)));
            c.getRawInterfaces().forEach(i -> supertypes.add(internal(i)));
            Set<JavaCodeUnit> units = new HashSet<>(c.getCodeUnits());
            c.getStaticInitializer().ifPresent(units::add);
            Map<String, List<String>> calls = new HashMap<>();
            List<String> handles = new ArrayList<>();
            for (JavaCodeUnit unit : units) {
                List<String> invoked = calls.computeIfAbsent(unit.getName(), n -> new ArrayList<>());
                unit.getCallsFromSelf().forEach(call -> invoked.add(member(call.getTarget())));
                unit.getCodeUnitReferencesFromSelf().forEach(reference -> handles.add(member(reference.getTarget())));
            }
            return new ClassCalls(internal(c), supertypes, calls, handles);
        }

        private static String member(AccessTarget.CodeUnitAccessTarget target) {
            return internal(target.getOwner()) + "." + target.getName();
        }
    }

    private static String internal(JavaClass c) {
        return c.getName().replace('.', '/');
    }

    private Set<String> granted(String function) {
        Object role = map(source.properties(function).get("Role")).get("Fn::GetAtt");
        String roleId = String.valueOf(role instanceof List<?> l ? l.get(0) : String.valueOf(role).split("\\.")[0]);
        Set<String> actions = new TreeSet<>();
        for (Object policy : list(source.properties(roleId).get("Policies"))) {
            for (Object statement : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                list(map(statement).get("Action")).forEach(a -> actions.add(String.valueOf(a)));
            }
        }
        return actions;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
