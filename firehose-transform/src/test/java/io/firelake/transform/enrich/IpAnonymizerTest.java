package io.firelake.transform.enrich;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpAnonymizerTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "203.0.113.77, 203.0.113.0",
            "10.0.0.1, 10.0.0.0",
            "255.255.255.255, 255.255.255.0",
            "' 8.8.8.8 ', 8.8.8.0",
            "2001:db8:85a3:8d3:1319:8a2e:370:7348, 2001:db8:85a3::",
            "2001:DB8:85A3:0:0:0:0:1, 2001:db8:85a3::",
            "2001:db8::1, 2001:db8::",
            "2001:0:0:1::1, 2001::",
            "0:0:0:0:0:0:0:1, ::",
            "::1, ::",
            "::, ::",
            "fe80::1%eth0, fe80::",
            "[2001:db8:1::5], 2001:db8:1::",
            "::ffff:192.0.2.128, 192.0.2.0",
            "64:ff9b::192.0.2.33, 64:ff9b::",
            "256.1.1.1, NULL",
            "1.2.3, NULL",
            "1.2.3.4.5, NULL",
            "01.2.3.4, NULL",
            "localhost, NULL",
            "example.com, NULL",
            "2001:db8:::1, NULL",
            "1::2::3, NULL",
            "12345::1, NULL",
            "1:2:3:4:5:6:7:8:9, NULL",
            "1:2:3:4:5:6:7, NULL",
            ":1:2:3:4:5:6:7, NULL",
            "'', NULL",
    })
    void truncatesToSlash24AndSlash48(String ip, String expected) {
        assertThat(IpAnonymizer.anonymize(ip)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"198.51.100.1", "198.51.100.254"})
    void hostsOfOneNetworkBecomeIndistinguishable(String ip) {
        assertThat(IpAnonymizer.anonymize(ip)).isEqualTo("198.51.100.0");
    }
}
