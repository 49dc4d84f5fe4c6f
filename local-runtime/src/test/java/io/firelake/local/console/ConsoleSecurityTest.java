package io.firelake.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What keeps the console safe on a developer's laptop, over raw HTTP so that every header is the test's own: it
 * listens on loopback only, refuses a non-loopback {@code Host} (DNS rebinding), runs replay only for its own origin
 * with this run's token, answers no other origin with CORS, and may not be framed.
 */
class ConsoleSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Figures for the guard to protect; what they say does not matter here. */
    private final AtomicInteger replays = new AtomicInteger();
    private final ConsoleApi api = new ConsoleApi() {
        @Override
        public Optional<JsonNode> view(String name, Map<String, String> query) {
            return VIEWS.contains(name) ? Optional.of(JSON.createObjectNode().put("view", name)) : Optional.empty();
        }

        @Override
        public JsonNode replay() {
            replays.incrementAndGet();
            return JSON.createObjectNode().put("exitCode", 0);
        }
    };
    private ConsoleServer console;
    private int port;

    @BeforeEach
    void start() {
        console = ConsoleServer.start(0, api, Duration.ofMillis(200));
        port = console.uri().getPort();
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        assertThat(console.uri().getHost()).isEqualTo("127.0.0.1");
        Optional<InetAddress> lan = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> !isLoopback(i)).flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        if (lan.isPresent()) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(lan.get(), port), 2000);
                }
            }).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void refusesAHostThatIsNotThisMachine() throws Exception {
        for (String path : new String[] {"/", "/api/state", "/api/events", "/assets/console.js"}) {
            Answer answer = send("GET", path, "rebind.attacker.example:" + port, Map.of());
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.body()).contains("does not name this machine");
        }
        assertThat(send("GET", "/api/state", "127.0.0.1:" + port, Map.of()).status()).isEqualTo(200);
        assertThat(send("GET", "/api/state", "localhost:" + port, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void replaysOnlyForItsOwnOriginWithThisRunsToken() throws Exception {
        String host = "127.0.0.1:" + port;
        Answer page = send("GET", "/", host, Map.of());
        Matcher meta = Pattern.compile("name=\"firelake-token\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(meta.find()).isTrue();
        String token = meta.group(1);
        String own = "http://" + host;

        assertThat(send("POST", "/api/replay", host, Map.of(ConsoleGuard.TOKEN_HEADER, token)).status())
                .as("no Origin").isEqualTo(403);
        assertThat(send("POST", "/api/replay", host, Map.of("Origin", "https://attacker.example",
                ConsoleGuard.TOKEN_HEADER, token)).status()).as("another origin").isEqualTo(403);
        assertThat(send("POST", "/api/replay", host, Map.of("Origin", "http://127.0.0.1:" + (port + 1),
                ConsoleGuard.TOKEN_HEADER, token)).status()).as("another port").isEqualTo(403);
        assertThat(send("POST", "/api/replay", host, Map.of("Origin", own)).status()).as("no token").isEqualTo(403);
        assertThat(send("POST", "/api/replay", host, Map.of("Origin", own, ConsoleGuard.TOKEN_HEADER, token + "x"))
                .status()).as("a wrong token").isEqualTo(403);
        assertThat(send("GET", "/api/replay", host, Map.of("Origin", own, ConsoleGuard.TOKEN_HEADER, token)).status())
                .as("GET").isEqualTo(405);
        assertThat(replays).hasValue(0);

        Answer replayed = send("POST", "/api/replay", host, Map.of("Origin", own, ConsoleGuard.TOKEN_HEADER, token));
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replays).hasValue(1);
        assertThat(ConsoleServer.start(0, api, Duration.ofMillis(200))).satisfies(other -> {
            try {
                assertThat(send(other.uri().getPort(), "GET", "/", "127.0.0.1:" + other.uri().getPort(), Map.of()).body())
                        .as("each run has its own token").doesNotContain(token);
            } finally {
                other.close();
            }
        });
    }

    @Test
    void givesOtherOriginsNothingToReadAndCannotBeFramed() throws Exception {
        Answer answer = send("GET", "/api/state", "127.0.0.1:" + port, Map.of("Origin", "https://attacker.example"));
        assertThat(answer.headers().toLowerCase()).doesNotContain("access-control-allow-origin")
                .contains("content-security-policy: default-src 'self'").contains("frame-ancestors 'none'")
                .contains("x-content-type-options: nosniff");
        assertThat(send("GET", "/api/nothing", "127.0.0.1:" + port, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void streamsEveryViewAsServerSentEvents() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder seen = new StringBuilder();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (!ConsoleApi.VIEWS.stream().allMatch(v -> seen.indexOf("event: " + v + "\ndata: {\"view\":\"" + v) >= 0)) {
                int n = in.read(buffer);
                assertThat(n).as("the stream stays open: " + seen).isPositive();
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(seen.toString()).contains("text/event-stream");
        }
    }

    private record Answer(int status, String headers, String body) {
    }

    private Answer send(String method, String path, String host, Map<String, String> headers) throws Exception {
        return send(port, method, path, host, headers);
    }

    private static Answer send(int port, String method, String path, String host, Map<String, String> headers)
            throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            if (method.equals("POST")) {
                request.append("Content-Length: 0\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(response.substring(9, 12)), response.substring(0, split),
                    response.substring(split + 4));
        }
    }

    private static boolean isLoopback(NetworkInterface i) {
        try {
            return i.isLoopback() || !i.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }
}
