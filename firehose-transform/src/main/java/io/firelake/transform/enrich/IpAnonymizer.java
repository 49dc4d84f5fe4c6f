package io.firelake.transform.enrich;

/**
 * Truncates client IPs before they reach the lake: IPv4 keeps its /24 (last octet zeroed), IPv6 its /48.
 *
 * <p>Why truncation rather than a keyed hash: a truncated address is not reversible (256 or 2^80 hosts share it), needs
 * no secret to manage or rotate, and keeps what analytics needs: a /24 or /48 still maps to a network, an ISP and a
 * city in geo-IP databases. A keyed hash would keep per-user linkability (a pseudonym, still personal data under GDPR)
 * while destroying the geo signal. The /24 and /48 widths follow common practice (Google Analytics IP masking zeroes
 * the last IPv4 octet; /48 is the usual IPv6 site prefix).
 *
 * <p>Parsing is done by hand: {@code InetAddress.getByName} would resolve anything that is not a literal through DNS.
 * Text that is not an IP literal yields {@code null}. IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) is treated as IPv4.
 */
public final class IpAnonymizer {

    private IpAnonymizer() {
    }

    /** The truncated address in canonical text form, or {@code null} if {@code ip} is not an IPv4 or IPv6 literal. */
    public static String anonymize(String ip) {
        if (ip == null) {
            return null;
        }
        String text = ip.strip();
        if (text.length() > 64 || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            int[] v4 = parseIpv4(text, 0, text.length());
            return v4 == null ? null : v4[0] + "." + v4[1] + "." + v4[2] + ".0";
        }
        if (text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']') {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        int[] groups = parseIpv6(text);
        if (groups == null) {
            return null;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xffff) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + ".0";
        }
        return ipv6Prefix48(groups[0], groups[1], groups[2]);
    }

    /** RFC 5952 text of {@code a:b:c::/48}: the trailing run of zero groups is the longest, so it is the one compressed. */
    private static String ipv6Prefix48(int a, int b, int c) {
        if (c != 0) {
            return Integer.toHexString(a) + ":" + Integer.toHexString(b) + ":" + Integer.toHexString(c) + "::";
        }
        if (b != 0) {
            return Integer.toHexString(a) + ":" + Integer.toHexString(b) + "::";
        }
        if (a != 0) {
            return Integer.toHexString(a) + "::";
        }
        return "::";
    }

    private static int[] parseIpv4(String s, int from, int to) {
        int[] octets = new int[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return null;
            }
            octets[part++] = value;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? octets : null;
    }

    /** Eight 16-bit groups, or null. Accepts one "::" and a trailing dotted IPv4. */
    private static int[] parseIpv6(String s) {
        int n = s.length();
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount = 0;
        int tailCount = 0;
        boolean compressed = false;
        int i = 0;
        if (s.startsWith("::")) {
            compressed = true;
            i = 2;
            if (n == 2) {
                return new int[8];
            }
        } else if (n > 0 && s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            int len = i - start;
            if (i < n && s.charAt(i) == '.') {
                // an embedded IPv4 takes the last two groups
                int[] v4 = parseIpv4(s, start, n);
                if (v4 == null) {
                    return null;
                }
                int[] target = compressed ? tail : head;
                int count = compressed ? tailCount : headCount;
                if (count + 2 > 8) {
                    return null;
                }
                target[count] = (v4[0] << 8) | v4[1];
                target[count + 1] = (v4[2] << 8) | v4[3];
                if (compressed) {
                    tailCount += 2;
                } else {
                    headCount += 2;
                }
                i = n;
                break;
            }
            if (len == 0 || len > 4) {
                return null;
            }
            if (compressed) {
                if (tailCount == 8) {
                    return null;
                }
                tail[tailCount++] = value;
            } else {
                if (headCount == 8) {
                    return null;
                }
                head[headCount++] = value;
            }
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (compressed) {
                    return null;
                }
                compressed = true;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null;
            }
        }
        int total = headCount + tailCount;
        if (compressed ? total > 7 : total != 8) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(head, 0, groups, 0, headCount);
        System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
        return groups;
    }
}
