package io.firelake.transform.enrich;

import io.firelake.transform.TestPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentClassifierTest {

    private static final UserAgentClassifier SHARED = TestPipeline.userAgents();

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 | desktop | Chrome | Windows | false",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15 | desktop | Safari | Mac OS X | false",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0 | desktop | Firefox | Linux | false",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1 | mobile | Mobile Safari | iOS | false",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36 | mobile | Chrome Mobile | Android | false",
            "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1 | tablet | Mobile Safari | iOS | false",
            "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 | tablet | Chrome | Android | false",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | bot | Googlebot | NULL | true",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) | bot | bingbot | NULL | true",
            "python-requests/2.31.0 | bot | Python Requests | NULL | true",
            "curl/8.5.0 | bot | curl | NULL | true",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36 | bot | HeadlessChrome | Linux | true",
            "something nobody has seen | other | NULL | NULL | false",
    })
    void classifiesWithUapAndBotTokens(String agent, String deviceClass, String browser, String os, boolean bot) {
        UserAgentInfo info = SHARED.classify(agent);
        assertThat(info.deviceClass()).as(agent).isEqualTo(deviceClass);
        assertThat(info.bot()).as(agent).isEqualTo(bot);
        assertThat(info.os()).as(agent).isEqualTo(os);
        if (browser != null) {
            assertThat(info.browser()).as(agent).isEqualTo(browser);
        } else {
            assertThat(info.browser()).as(agent).isNull();
        }
    }

    @Test
    void missingUserAgentIsUnknownNotBot() {
        assertThat(SHARED.classify(null)).isEqualTo(UserAgentInfo.UNKNOWN);
        assertThat(SHARED.classify("  ")).isEqualTo(UserAgentInfo.UNKNOWN);
    }

    @Test
    void hugeUserAgentsAreCutBeforeParsing() {
        String huge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0.0.0 " + "(".repeat(100_000);
        assertThat(SHARED.classify(huge).deviceClass()).isEqualTo("desktop");
    }

    /**
     * The cache in a test-sized run: 500 distinct agents with a Zipf-like popularity (s = 1), 10,000 lookups, as in
     * real traffic where a few browser builds dominate. Prints the measured hit rate, which docs/transform.md quotes.
     * (A miss costs a full uap parse, about a millisecond here, which is why the cache matters.)
     */
    @Test
    void cacheHitRateOnSkewedTraffic() {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            agents.add("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                    + (100 + i % 30) + ".0." + i + ".0 Safari/537.36");
        }
        double[] cumulative = new double[agents.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        Random random = new Random(7);
        UserAgentClassifier classifier = new UserAgentClassifier(UserAgentClassifier.DEFAULT_CACHE_SIZE);
        long start = System.nanoTime();
        for (int n = 0; n < 10_000; n++) {
            double u = random.nextDouble() * sum;
            int index = java.util.Arrays.binarySearch(cumulative, u);
            classifier.classify(agents.get(index >= 0 ? index : -index - 1));
        }
        long elapsed = System.nanoTime() - start;
        CacheStats stats = classifier.cacheStats();
        System.out.printf("user-agent cache: %.1f%% hits over %d lookups, %d distinct agents, %.2f ms per lookup incl. misses%n",
                stats.hitRate() * 100, stats.hits() + stats.misses(), stats.size(), elapsed / 1e6 / 10_000);
        assertThat(stats.hits() + stats.misses()).isEqualTo(10_000);
        assertThat(stats.misses()).isEqualTo(stats.size());
        assertThat(stats.hitRate()).isGreaterThan(0.9);
    }
}
