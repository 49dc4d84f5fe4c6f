package io.firelake.transform.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReferrerClassifierTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "NULL, shop.example.com, direct",
            "'', shop.example.com, direct",
            "'  ', shop.example.com, direct",
            "https://shop.example.com/cart, shop.example.com, internal",
            "https://www.shop.example.com/cart, shop.example.com, internal",
            "https://SHOP.example.com/, www.shop.example.com, internal",
            "https://blog.shop.example.com/, shop.example.com, other",
            "https://www.google.com/search?q=x, shop.example.com, search",
            "https://www.google.co.uk/, shop.example.com, search",
            "https://duckduckgo.com/, shop.example.com, search",
            "https://www.bing.com/search?q=x, shop.example.com, search",
            "https://search.yahoo.co.jp/, shop.example.com, search",
            "https://t.co/abc, shop.example.com, social",
            "https://m.facebook.com/story, shop.example.com, social",
            "https://www.linkedin.com/feed, shop.example.com, social",
            "https://out.reddit.com/x, shop.example.com, social",
            "https://news.example.org/a, shop.example.com, other",
            "https://google.example.org/a, shop.example.com, other",
            "android-app://com.google.android.gm/, shop.example.com, other",
            "not a url, shop.example.com, other",
            "https://shop.example.com/, NULL, other",
    })
    void classifies(String referrer, String pageHost, String expected) {
        assertThat(ReferrerClassifier.classify(referrer, pageHost).value()).isEqualTo(expected);
    }

    @Test
    void aRememberedReferrerIsStillJudgedAgainstEachPage() {
        String referrer = "https://www.shop.example.com/cart?remembered=1";
        assertThat(ReferrerClassifier.classify(referrer, "blog.example.com")).isEqualTo(ReferrerClass.OTHER);
        assertThat(ReferrerClassifier.classify(referrer, "shop.example.com")).isEqualTo(ReferrerClass.INTERNAL);
        assertThat(ReferrerClassifier.classify(referrer, null)).isEqualTo(ReferrerClass.OTHER);
        assertThat(ReferrerClassifier.classify("https://www.google.de/?remembered=1", "shop.example.com"))
                .isEqualTo(ReferrerClass.SEARCH);
        assertThat(ReferrerClassifier.classify("https://www.google.de/?remembered=1", "google.de"))
                .isEqualTo(ReferrerClass.INTERNAL);
    }
}
