package io.firelake.transform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.RecordTransformer;
import io.firelake.transform.core.TransformBatch;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.enrich.EnrichedEventWriter;
import io.firelake.transform.enrich.Enricher;
import io.firelake.transform.enrich.UserAgentClassifier;
import io.firelake.transform.firehose.FirehoseEvent;
import io.firelake.transform.firehose.FirehoseEventReader;
import io.firelake.transform.firehose.FirehoseResponseWriter;
import io.firelake.transform.firehose.MalformedEventException;
import io.firelake.transform.firehose.PrimingBatch;
import io.firelake.transform.validate.Failure;
import io.firelake.transform.validate.ReasonCode;
import io.firelake.transform.validate.RecordValidator;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.events.log.JsonLogLine;
import io.firelake.events.log.JsonLogLine.Level;
import org.crac.Core;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The Firehose data-transformation Lambda: validates and enriches the records of its event contract and answers
 * with dynamic partitioning keys (the enriched schema's partition fields). The contract is one packaged in the jar
 * or a folder, named by the environment variable {@code FIRELAKE_CONTRACT} (default: clickstream).
 *
 * <p>A thin shell: it reads the request with {@link FirehoseEventReader}, delegates to the pure {@link TransformBatch}
 * and writes {@link FirehoseResponseWriter}'s response. The collaborators are built once per process (the user-agent
 * regexes take about a second to load). It never throws for a batch: a request that is not a Firehose event at all is
 * answered with no records and logged; a bad record fails alone.
 *
 * <p><b>SnapStart.</b> As a CRaC {@link Resource}, {@link #beforeCheckpoint} runs a realistic batch
 * of its contract ({@link PrimingBatch}: valid events of the contract and every failure kind) through the whole
 * path before the snapshot, so restored instances start with loaded classes, JIT-compiled hot code
 * and a warm user-agent cache instead of paying for them on the first real batch.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">Lambda SnapStart runtime hooks</a>
 */
public final class FirehoseTransformHandler implements RequestStreamHandler, Resource {

    /**
     * Built on first use, i.e. during Lambda's init phase (before the SnapStart snapshot), once per process and
     * contract (a local runtime may run one contract after another); the user-agent parser is shared.
     */
    private static final class Default {
        static final UserAgentClassifier USER_AGENTS = new UserAgentClassifier();
        static final Map<EventContract, Components> BY_CONTRACT = new ConcurrentHashMap<>();

        /** The contract the function's {@code FIRELAKE_CONTRACT} names (the template's EventContract parameter). */
        static Components forSelected() {
            return BY_CONTRACT.computeIfAbsent(Contracts.selected(),
                    contract -> Components.of(contract, USER_AGENTS, Clock.systemUTC()));
        }
    }

    private final Components components;

    /** The constructor Lambda calls: the components of the selected contract. Registers the SnapStart priming hook. */
    public FirehoseTransformHandler() {
        this(Default.forSelected());
        Core.getGlobalContext().register(this);
    }

    FirehoseTransformHandler(Components components) {
        this.components = components;
    }

    /** Everything the handler needs, built once. */
    record Components(TransformBatch batch, FirehoseEventReader reader, FirehoseResponseWriter writer,
                      EventContract contract) {

        static Components of(EventContract contract, UserAgentClassifier userAgents, Clock clock) {
            return of(contract, RecordValidator.of(contract, clock), userAgents, clock);
        }

        static Components of(EventContract contract, RecordValidator validator, UserAgentClassifier userAgents,
                             Clock clock) {
            Enricher enricher = new Enricher(validator.schema(), contract.enriched(), contract.enrichments(),
                    userAgents);
            RecordTransformer transformer = new RecordTransformer(validator, enricher,
                    new EnrichedEventWriter(contract.enriched()));
            return new Components(new TransformBatch(transformer, clock::millis), new FirehoseEventReader(),
                    new FirehoseResponseWriter(), contract);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaLogger logger = context == null ? null : context.getLogger();
        Consumer<String> log = logger == null ? System.err::println : line -> logger.log(line + "\n");
        handle(input, output, log);
    }

    /** The whole invocation with an explicit log sink: what tests, priming and {@link #main} call. */
    void handle(InputStream input, OutputStream output, Consumer<String> log) throws IOException {
        List<InputRecord> records;
        String invocationId = null;
        try {
            FirehoseEvent event = components.reader().read(input);
            records = event.records();
            invocationId = event.invocationId();
            if (event.skippedRecords() > 0) {
                log.accept(JsonLogLine.of(Level.ERROR).put("event", "records_without_id")
                        .put("count", event.skippedRecords()).toJson());
            }
        } catch (MalformedEventException e) {
            log.accept(JsonLogLine.of(Level.ERROR).put("event", "malformed_request").put("message", e.getMessage())
                    .toJson());
            records = List.of();
        }
        List<TransformResult> results;
        try {
            results = components.batch().apply(records);
        } catch (RuntimeException e) {
            // TransformBatch contains per-record failures; this is the last line of defence for a bug in the batch code.
            results = new ArrayList<>(records.size());
            for (InputRecord record : records) {
                results.add(new TransformResult.ProcessingFailed(record.recordId(),
                        record.data() == null ? new byte[0] : record.data(),
                        Failure.of(ReasonCode.INTERNAL_ERROR, "unexpected " + e.getClass().getSimpleName())));
            }
        }
        FailureLog.log(records, results, invocationId, log);
        components.writer().write(results, output);
        output.flush();
    }

    UserAgentClassifier userAgents() {
        return components.batch().transformer().enricher().userAgents();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: no connections, no credentials, and processed_ts reads the clock per batch
    }

    /**
     * Runs a realistic batch of the handler's contract (200 valid events and every failure kind) through the whole
     * path three times; returns the last response, which the snapshot does not need (tests read it).
     */
    byte[] prime() {
        byte[] request = PrimingBatch.request(components.contract(), 42, components.batch().now());
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            for (int round = 0; round < 3; round++) {
                response.reset();
                handle(new ByteArrayInputStream(request), response, line -> { });
            }
        } catch (IOException e) {
            throw new IllegalStateException("priming failed", e);
        }
        userAgents().resetCacheStats();
        return response.toByteArray();
    }

    /** The jar's command line ({@link TransformCommandLine}): one request file or stdin, the response on stdout. */
    public static void main(String[] args) throws IOException {
        int exit = TransformCommandLine.run(args, System.in, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
