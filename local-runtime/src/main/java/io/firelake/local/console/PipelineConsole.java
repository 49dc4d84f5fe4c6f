package io.firelake.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.firelake.config.layout.DataLayout;
import io.firelake.local.runtime.LocalPipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The console's figures for a running {@link LocalPipeline}: each view from its own class, the replay action. */
public final class PipelineConsole implements ConsoleApi {

    /** How often the live stream looks at the pipeline. */
    public static final Duration TICK = Duration.ofSeconds(1);

    private final LiveFigures live;
    private final MonitorView monitor;
    private final ErrorsView errors;
    private final LakeView lake;
    private final SpeedView speed;
    private final ReplayAction replay;

    public PipelineConsole(LocalPipeline pipeline, ProducerGauge producer) {
        DataLayout layout = DataLayout.of(pipeline.options().dataDir());
        Clock clock = Clock.systemUTC();
        var config = pipeline.firehose().firehose().config();
        this.live = new LiveFigures(() -> pipeline.firehose().firehose(), pipeline.speedLayer(), producer);
        this.monitor = new MonitorView(layout, config.name(), config.s3Buffer().interval(), clock);
        this.errors = new ErrorsView(layout);
        this.lake = new LakeView(layout);
        this.speed = new SpeedView(pipeline.speedLayer(), clock);
        this.replay = new ReplayAction(layout, pipeline.kinesisEndpoint(), config.sourceStreamName());
    }

    /** Serves the console for {@code pipeline} on 127.0.0.1:{@code port} (0 for a free port). */
    public static ConsoleServer serve(LocalPipeline pipeline, int port, ProducerGauge producer) {
        return ConsoleServer.start(port, new PipelineConsole(pipeline, producer), TICK);
    }

    @Override
    public Optional<JsonNode> view(String name, Map<String, String> query) throws Exception {
        return Optional.ofNullable(switch (name) {
            case "state" -> live.state();
            case "monitor" -> monitor.monitor();
            case "errors" -> errors.errors();
            case "lake" -> query.containsKey("partition") ? lake.preview(query.get("partition")) : lake.lake();
            case "speed" -> speed.speed();
            default -> null;
        });
    }

    @Override
    public JsonNode replay() {
        return replay.replay();
    }
}
