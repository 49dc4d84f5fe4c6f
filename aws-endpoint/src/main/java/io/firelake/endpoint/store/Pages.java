package io.firelake.endpoint.store;

import io.firelake.endpoint.json.AwsServiceException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pagination as AWS list operations do it: at most {@code MaxResults} items and an opaque {@code NextToken} that
 * resumes after the last one. The token here encodes the offset; a token that was not issued here is refused.
 */
public final class Pages {

    private Pages() {
    }

    public record Page<T>(List<T> items, String nextToken) {
    }

    public static <T> Page<T> of(List<T> all, String token, Integer maxResults, int defaultMax) {
        int max = maxResults == null ? defaultMax : maxResults;
        int from = token == null || token.isEmpty() ? 0 : offset(token);
        if (from > all.size()) {
            from = all.size();
        }
        int to = Math.min(all.size(), from + max);
        String next = to < all.size() ? encode(to) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("firelake:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("firelake:")) {
                return Integer.parseInt(text.substring("firelake:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw AwsServiceException.of("InvalidInputException", "The NextToken '" + token + "' is not valid: pass the "
                + "NextToken of the previous answer unchanged");
    }
}
