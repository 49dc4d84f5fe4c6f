package io.firelake.transform.enrich;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedCacheTest {

    @Test
    void evictsTheLeastRecentlyUsedAndCounts() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        AtomicInteger computed = new AtomicInteger();
        Function<String, String> upper = k -> {
            computed.incrementAndGet();
            return k.toUpperCase();
        };
        cache.get("a", upper);
        cache.get("b", upper);
        cache.get("a", upper);      // hit, a is now most recent
        cache.get("c", upper);      // evicts b
        cache.get("a", upper);      // hit
        cache.get("b", upper);      // miss again
        assertThat(computed).hasValue(4);
        CacheStats stats = cache.stats();
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.misses()).isEqualTo(4);
        assertThat(stats.size()).isEqualTo(2);
        assertThat(stats.hitRate()).isEqualTo(2 / 6.0);
        cache.resetStats();
        assertThat(cache.stats().hits()).isZero();
        assertThat(cache.stats().size()).isEqualTo(2);
    }
}
