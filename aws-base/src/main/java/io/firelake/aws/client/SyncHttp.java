package io.firelake.aws.client;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP client of a synchronous SDK client. Each choice touches only its own library's classes, so a module needs
 * on its class path only the HTTP client it picks (a Lambda jar keeps the URL connection client alone).
 */
public sealed interface SyncHttp permits SyncHttp.Apache, SyncHttp.UrlConnection {

    SdkHttpClient.Builder<?> builder();

    /** Apache HttpClient with a connection pool: for clients that make many calls from several threads. */
    static SyncHttp apache(int maxConnections) {
        return new Apache(maxConnections);
    }

    /** The JDK's URL connection: the fastest to start, the smallest jar; for Lambdas and one-shot commands. */
    static SyncHttp urlConnection() {
        return new UrlConnection();
    }

    record Apache(int maxConnections) implements SyncHttp {
        @Override
        public SdkHttpClient.Builder<?> builder() {
            return ApacheHttpClient.builder().maxConnections(maxConnections);
        }
    }

    record UrlConnection() implements SyncHttp {
        @Override
        public SdkHttpClient.Builder<?> builder() {
            return UrlConnectionHttpClient.builder();
        }
    }
}
