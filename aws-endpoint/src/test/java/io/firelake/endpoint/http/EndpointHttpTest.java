package io.firelake.endpoint.http;

import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.glue.GlueApi;
import io.firelake.endpoint.glue.GlueCatalog;
import io.firelake.endpoint.glue.GlueJobs;
import io.firelake.endpoint.store.JsonFileStore;
import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static io.firelake.endpoint.EndpointClientsAccess.client;
import static io.firelake.endpoint.EndpointClientsAccess.raw;
import static org.assertj.core.api.Assertions.assertThat;

/** What the endpoint answers at the HTTP level: who may call it, how it routes, and its errors' shape. */
class EndpointHttpTest {

    private static final String GLUE = "X-Amz-Target: AWSGlue.GetDatabases\r\nContent-Type: application/x-amz-json-1.1\r\n";

    @TempDir
    static Path dir;
    private static Kinesalite kinesalite;
    private static S3ProxyServer s3proxy;
    private static GlueJobs jobs;
    private static AwsEndpoint endpoint;

    @BeforeAll
    static void start() throws Exception {
        kinesalite = Kinesalite.start();
        s3proxy = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3")));
        JsonFileStore store = new JsonFileStore(dir.resolve("glue"));
        jobs = new GlueJobs(store, Clock.systemUTC(), (job, script, args) -> null);
        endpoint = AwsEndpoint.builder().port(0)
                .serve(GlueApi.service(new GlueCatalog(store, Clock.systemUTC()), jobs))
                .forward("kinesis", kinesalite.endpoint())
                .forward("s3", s3proxy.endpoint())
                .start();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        jobs.close();
        s3proxy.close();
        kinesalite.close();
    }

    @Test
    void forwardsKinesisAndS3ToTheirEnginesThroughTheOneEndpoint() {
        System.setProperty("aws.cborEnabled", "false");
        try (KinesisClient kinesis = client(KinesisClient.builder(), endpoint.uri());
             S3Client s3 = client(S3Client.builder().forcePathStyle(true), endpoint.uri())) {
            kinesis.createStream(b -> b.streamName("through-endpoint").shardCount(1));
            assertThat(kinesis.listStreams().streamNames()).contains("through-endpoint");
            s3.createBucket(b -> b.bucket("lake"));
            s3.putObject(b -> b.bucket("lake").key("raw/a.json"), RequestBody.fromString("{}"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("lake").key("raw/a.json")).asUtf8String()).isEqualTo("{}");
        }
        assertThat(dir.resolve("s3/lake/raw/a.json")).exists();
    }

    @Test
    void answersOnlyRequestsAddressedToALoopbackHost() throws Exception {
        assertThat(raw(endpoint.uri(), "127.0.0.1:" + endpoint.port(), GLUE, "{}")).startsWith("HTTP/1.1 200");
        assertThat(raw(endpoint.uri(), "localhost", GLUE, "{}")).startsWith("HTTP/1.1 200");
        String rebound = raw(endpoint.uri(), "attacker.example.com", GLUE, "{}");
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("\"__type\":\"AccessDeniedException\"");
        assertThat(raw(endpoint.uri(), "127.0.0.1.attacker.example", GLUE, "{}")).startsWith("HTTP/1.1 403");
    }

    @Test
    void refusesCrossOriginBrowserRequests() throws Exception {
        String answer = raw(endpoint.uri(), "localhost", GLUE + "Origin: https://some.site\r\n", "{}");
        assertThat(answer).startsWith("HTTP/1.1 403").contains("cross-origin");
    }

    @Test
    void badRequestsGetAwsShapedErrorsNotStackTraces() throws Exception {
        assertThat(raw(endpoint.uri(), "localhost", GLUE, "{not json"))
                .startsWith("HTTP/1.1 400").contains("x-amzn-ErrorType: SerializationException")
                .contains("not valid JSON").doesNotContain("at io.firelake");
        assertThat(raw(endpoint.uri(), "localhost", "X-Amz-Target: AWSGlue.GetCrawler\r\n", "{}"))
                .startsWith("HTTP/1.1 400").contains("UnknownOperationException")
                .contains("does not serve Glue GetCrawler");
        assertThat(raw(endpoint.uri(), "localhost", "X-Amz-Target: AmazonSQS.SendMessage\r\n", "{}"))
                .startsWith("HTTP/1.1 400").contains("UnknownOperationException").contains("AmazonSQS.SendMessage");
        assertThat(raw(endpoint.uri(), "localhost", "", "{}"))
                .startsWith("HTTP/1.1 400").contains("no X-Amz-Target header and no SigV4 credential scope");
        assertThat(raw(endpoint.uri(), "localhost", "X-Amz-Target: AWSGlue.GetDatabases\r\n", "{\"MaxResults\":\"ten\"}"))
                .startsWith("HTTP/1.1 400").contains("SerializationException").contains("'maxResults'");
        assertThat(raw(endpoint.uri(), "localhost", "X-Amz-Target: AWSGlue.GetDatabases\r\n", "{\"MaxResults\":0}"))
                .startsWith("HTTP/1.1 400").contains("ValidationException")
                .contains("Member must have value greater than or equal to 1");
    }

    @Test
    void namesAServiceItDoesNotServeFromTheCredentialScope() throws Exception {
        String answer = raw(endpoint.uri(), "localhost", "Authorization: AWS4-HMAC-SHA256 "
                + "Credential=AKID/20261206/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0\r\n", "");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("'sqs'");
        String query = raw(endpoint.uri(), "localhost", "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/sqs/aws4_request, "
                + "SignedHeaders=host, Signature=0\r\n", "Action=ListQueues&Version=2012-11-05");
        assertThat(query).as("a Query-protocol client reads XML errors").startsWith("HTTP/1.1 400")
                .contains("<ErrorResponse", "<Code>UnknownOperationException</Code>", "'sqs'");
    }
}
