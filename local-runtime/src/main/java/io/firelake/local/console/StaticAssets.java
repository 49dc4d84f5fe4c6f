package io.firelake.local.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's page, script and styles, and uPlot's from its webjar: all read from the class path once, at start, so
 * that nothing is fetched from the network and a page is served from memory.
 */
final class StaticAssets {

    record Asset(String contentType, byte[] body) {
    }

    private static final String OWN = "/io/firelake/local/console/";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final Map<String, Asset> assets;

    private StaticAssets(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** The page carries the run's token, which only a page of the console's own origin can read. */
    static StaticAssets load(String token) {
        String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        String page = new String(read(OWN + "index.html"), StandardCharsets.UTF_8).replace("@TOKEN@", token);
        return new StaticAssets(Map.of(
                "/", new Asset("text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8)),
                "/assets/console.js", new Asset("text/javascript; charset=utf-8", read(OWN + "console.js")),
                "/assets/console.css", new Asset("text/css; charset=utf-8", read(OWN + "console.css")),
                "/assets/uPlot.iife.min.js", new Asset("text/javascript; charset=utf-8", read(uplot + "uPlot.iife.min.js")),
                "/assets/uPlot.min.css", new Asset("text/css; charset=utf-8", read(uplot + "uPlot.min.css"))));
    }

    Optional<Asset> get(String path) {
        return Optional.ofNullable(assets.get(path.equals("/index.html") ? "/" : path));
    }

    private static String uplotVersion() {
        Properties properties = new Properties();
        try (InputStream in = StaticAssets.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("uPlot's webjar is not on the class path (" + UPLOT_POM + ")");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing console resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
