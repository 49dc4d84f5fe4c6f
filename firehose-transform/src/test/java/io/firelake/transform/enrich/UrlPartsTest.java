package io.firelake.transform.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlPartsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "https://shop.example.com/products/p-1?x=1#top, shop.example.com, /products/p-1",
            "https://Shop.Example.COM, shop.example.com, /",
            "http://user:pw@shop.example.com:8080/a/b, shop.example.com, /a/b",
            "https://shop.example.com./a, shop.example.com, /a",
            "//cdn.example.com/x.js, cdn.example.com, /x.js",
            "https://[2001:db8::1]:443/p, [2001:db8::1], /p",
            "/search?q=boots, NULL, /search",
            "relative/page, NULL, relative/page",
            "https://shop.example.com/a b/c?q, shop.example.com, /a b/c",
            "mailto:someone@example.com, NULL, someone@example.com",
            "?utm_source=x, NULL, NULL",
    })
    void hostAndPath(String url, String host, String path) {
        UrlParts parts = UrlParts.parse(url);
        assertThat(parts.host()).isEqualTo(host);
        assertThat(parts.path()).isEqualTo(path);
    }

    @Test
    void utmParametersArePercentDecodedAndFirstOneWins() {
        UrlParts parts = UrlParts.parse("https://a.example/?utm_source=news%20letter&utm_medium=e+mail"
                + "&utm_campaign=spring&utm_source=second&other=1#utm_medium=fragment");
        assertThat(parts.utmSource()).isEqualTo("news letter");
        assertThat(parts.utmMedium()).isEqualTo("e mail");
        assertThat(parts.utmCampaign()).isEqualTo("spring");
    }

    @Test
    void missingEmptyOrMalformedUtmValues() {
        UrlParts parts = UrlParts.parse("https://a.example/?utm_source=&utm_medium=%zz&utm_campaignx=1");
        assertThat(parts.utmSource()).isNull();
        assertThat(parts.utmMedium()).isEqualTo("%zz");
        assertThat(parts.utmCampaign()).isNull();
        assertThat(UrlParts.parse(null).host()).isNull();
        assertThat(UrlParts.parse("").path()).isNull();
    }
}
