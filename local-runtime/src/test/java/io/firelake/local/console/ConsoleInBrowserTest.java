package io.firelake.local.console;

import io.firelake.events.contract.PinnedContract;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.monitoring.cli.MonitorCommand;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium while a demo-sized run flows: the diagram's rates go above zero, a flush
 * is listed, an injected malformed record shows in the errors with its reason and its IP masked, the speed layer's
 * chart gains a point, the monitor's charts draw points across their width, and the page logs no error. Then the
 * same for {@code monitor --html}'s file. Screenshots at 1280x800 go to target/console-test/.
 */
@PinnedContract("clickstream")
class ConsoleInBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "console-test");
    static final String PII_IP = "203.0.113.77";

    @Test
    @Timeout(90)
    void showsThePipelineLive(@TempDir Path data) throws Exception {
        PipelineSettings settings = SamTemplate.load();
        var options = new LocalPipeline.Options(data, settings, 0, 0, 0, 0,
                c -> c.toBuilder().processorBuffer(256 * 1024, Duration.ofSeconds(1))
                        .s3Buffer(64L * 1024 * 1024, Duration.ofSeconds(2)).build(),
                c -> c.withTumblingWindow(Duration.ofSeconds(2)).withMaximumBatchingWindow(Duration.ofSeconds(1)));
        try (HeadlessChromium chromium = HeadlessChromium.start();
             LocalPipeline pipeline = LocalPipeline.start(options);
             ConsoleServer console = PipelineConsole.serve(pipeline, 0, new ProducerGauge())) {
            var driver = chromium.driver;
            driver.get(console.uri().toString());
            CompletableFuture<ProducerRun.ProducerResult> producing = CompletableFuture.supplyAsync(() -> {
                try {
                    return ProducerRun.builder().endpoint(pipeline.kinesisEndpoint()).stream(settings.streamName())
                            .simulate(SimulationSettings.live(11, 6_000).withFaults(FaultRates.combined(0.02)))
                            .rate(600).build().run();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            pipeline.kinesis().putRecord(b -> b.streamName(settings.streamName()).partitionKey("fault")
                    .data(SdkBytes.fromString("{\"event_id\":\"e-1\",\"ip\":\"" + PII_IP + "\",\"event_type\":",
                            StandardCharsets.UTF_8)));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(50), Duration.ofMillis(250));

            wait.withMessage("the rate from the stream to the Firehose goes above zero").until(d -> Double.parseDouble(
                    d.findElement(By.cssSelector("g[data-edge='stream>firehose']")).getAttribute("data-rate")) > 0);
            assertThat(driver.findElement(By.cssSelector("g[data-edge='stream>firehose'] text.rate")).getText())
                    .matches("[0-9.]+k?/s").isNotEqualTo("0/s");
            wait.withMessage("a flush is listed").until(d -> !d.findElements(By.cssSelector("#flushes li")).isEmpty());
            wait.withMessage("the injected fault is listed with its reason").until(d ->
                    d.findElement(By.id("error-reasons")).getText().contains("MALFORMED_JSON"));
            wait.withMessage("a sample of it, its IP masked").until(d ->
                    d.findElement(By.id("error-samples")).getText().contains("\"ip\":\"***\""));
            assertThat(driver.findElement(By.id("errors")).getText()).doesNotContain(PII_IP);
            producing.get();
            wait.withMessage("the speed layer's chart gains a point").until(d -> Integer.parseInt(
                    d.findElement(By.id("speed-chart")).getAttribute("data-points")) > 0);
            wait.withMessage("the monitor's charts").until(d ->
                    !d.findElements(By.cssSelector("#monitor-charts figure")).isEmpty());
            assertPointsSpread(driver, "#monitor-charts figure[data-kind='bars']");
            assertThat(driver.findElement(By.id("verdict")).getText()).isIn("HEALTHY", "DEGRADED", "FAILING");
            assertThat(driver.findElement(By.id("accounting")).getText()).contains("delivered=").contains("failed=");
            chromium.screenshot(SCREENSHOTS.resolve("console-1280x800.png"));
            wait.withMessage("a partition of the lake opens as a DuckDB preview").until(d -> {
                try {
                    d.findElement(By.cssSelector("#partitions tbody tr")).click();
                    return true;
                } catch (NoSuchElementException | StaleElementReferenceException notYet) {
                    return false;
                }
            });
            wait.until(d -> !d.findElements(By.cssSelector("#preview tbody tr")).isEmpty());
            assertThat(driver.findElement(By.cssSelector("#preview thead")).getText()).contains("event_id");
            driver.findElement(By.id("replay")).click();
            wait.withMessage("the replay button ran replay-errors").until(d ->
                    d.findElement(By.id("replay-result")).getText().matches("(?s)replay-errors: considered=\\d+ sent=[1-9].*"));
            assertThat(chromium.consoleErrors()).as("errors the page logged").isEmpty();

            // The monitoring report of the same run: a file with charts, opened from disk.
            Path report = data.resolve("report.html");
            StringWriter out = new StringWriter();
            new CommandLine(new MonitorCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                    .execute("--data-dir", data.toString(), "--since", "1h", "--html", report.toString());
            driver.get(report.toUri().toString());
            List<org.openqa.selenium.WebElement> figures = driver.findElements(By.tagName("figure"));
            assertThat(figures).as(out.toString()).hasSizeGreaterThan(5);
            assertPointsSpread(driver, "figure[data-metric='IncomingRecords']");
            assertPointsSpread(driver, "figure[data-kind='line']");
            chromium.screenshot(SCREENSHOTS.resolve("monitor-report-1280x800.png"));
            assertThat(chromium.consoleErrors()).as("errors the report logged").isEmpty();
        }
    }

    /**
     * More than one point drawn, spread over more than a third of the chart: not one dot in a corner. Measured in one
     * script, as the console replaces its charts while they are looked at.
     */
    @SuppressWarnings("unchecked")
    private static void assertPointsSpread(org.openqa.selenium.JavascriptExecutor page, String figure) {
        List<Object> m = (List<Object>) page.executeScript("""
                const f = document.querySelector(arguments[0]);
                if (!f) return [arguments[0] + ': no chart', 0, 0, 0];
                const xs = Array.from(f.querySelectorAll('.point')).map(p => p.getBoundingClientRect().left);
                return [f.getAttribute('data-metric'), xs.length, f.querySelector('svg').getBoundingClientRect().width,
                        xs.length ? Math.max(...xs) - Math.min(...xs) : 0];""", figure);
        String metric = String.valueOf(m.get(0));
        assertThat(((Number) m.get(1)).intValue()).as(metric + " points").isGreaterThan(1);
        assertThat(((Number) m.get(3)).doubleValue()).as(metric + " spread")
                .isGreaterThan(((Number) m.get(2)).doubleValue() / 3);
    }
}
