package io.firelake.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.firelake.sam.SamTemplate.at;
import static io.firelake.sam.SamTemplate.list;
import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buckets, table and queue are encrypted and closed; Firehose delivery and the Lambdas are watched by alarms to the
 * topic parameter and shown on a dashboard; the outputs an operator needs are there.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html">Firehose metrics</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html">S3 security best practices</a>
 */
class HardeningAndMonitoringTest {

    private final SamTemplate template = SamTemplate.deployed();

    @Test
    void bucketsAreEncryptedVersionedPrivateAndTlsOnly() {
        List<String> buckets = template.resourcesOfType("AWS::S3::Bucket");
        assertThat(buckets).containsExactlyInAnyOrder("LakeBucket", "AthenaResultsBucket");
        for (String bucket : buckets) {
            Map<String, Object> properties = template.properties(bucket);
            Object sse = at(list(at(properties, "BucketEncryption", "ServerSideEncryptionConfiguration").orElseThrow()).get(0),
                    "ServerSideEncryptionByDefault", "SSEAlgorithm").orElseThrow();
            assertThat(sse).as(bucket).isIn("AES256", "aws:kms");
            assertThat(at(properties, "VersioningConfiguration", "Status")).as(bucket).contains("Enabled");
            assertThat(map(properties.get("PublicAccessBlockConfiguration")).values()).as(bucket)
                    .hasSize(4).containsOnly(true);
            assertThat(at(properties, "LifecycleConfiguration", "Rules")).as(bucket).isPresent();
            assertThat(tlsOnlyPolicyFor(bucket)).as("%s has a bucket policy denying requests without TLS", bucket).isTrue();
        }
    }

    @Test
    void theLakeExpiresTheErrorPrefixAndKeepsItsData() {
        Map<String, Object> rule = list(at(template.properties("LakeBucket"), "LifecycleConfiguration", "Rules").orElseThrow())
                .stream().map(SamTemplate::map).filter(r -> r.get("ExpirationInDays") != null).findFirst().orElseThrow();
        // The rule's prefix is the error prefix up to its first !{...} expression.
        assertThat(rule.get("Prefix").toString()).contains("ErrorPrefix");
        String errorPrefix = (String) template.parameter("ErrorPrefix").get("Default");
        assertThat(errorPrefix.substring(0, errorPrefix.indexOf("!{"))).isEqualTo("errors/");
        assertThat(template.resource("LakeBucket")).containsEntry("DeletionPolicy", "Retain");
    }

    @Test
    void speedLayerTableIsOnDemandEncryptedWithTtl() {
        Map<String, Object> table = template.properties(template.single("AWS::DynamoDB::Table"));
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(list(table.get("KeySchema")).stream().map(k -> map(k).get("AttributeName")).toList())
                .containsExactly("pk", "sk");
        assertThat(at(table, "TimeToLiveSpecification", "Enabled")).contains(true);
        assertThat(at(table, "SSESpecification", "SSEEnabled")).contains(true);
        assertThat(table.get("TableName")).isEqualTo(Map.of("Ref", "AggregatesTableName"));
        assertThat(template.properties(template.single("AWS::SQS::Queue"))).containsEntry("SqsManagedSseEnabled", true);
    }

    @Test
    void alarmsWatchDeliveryAndTheLambdasAndNotifyTheTopicParameter() {
        List<String> watched = new ArrayList<>();
        for (String alarm : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> properties = template.properties(alarm);
            Object dimension = map(list(properties.get("Dimensions")).get(0)).get("Value");
            watched.add(properties.get("Namespace") + " " + properties.get("MetricName") + " " + map(dimension).get("Ref"));
            assertThat(properties.get("AlarmActions").toString()).as(alarm).contains("AlarmTopicArn");
        }
        assertThat(watched).contains(
                "AWS/Firehose DeliveryToS3.DataFreshness DeliveryStream",
                "AWS/Firehose DeliveryToS3.Success DeliveryStream",
                "AWS/Firehose ExecuteProcessing.Success DeliveryStream",
                "AWS/Firehose FailedConversion.Records DeliveryStream",
                "AWS/Lambda IteratorAge SpeedLayerFunction",
                "AWS/Lambda Errors TransformFunction",
                "AWS/Lambda Throttles TransformFunction",
                "AWS/Lambda Errors SpeedLayerFunction",
                "AWS/Lambda Throttles SpeedLayerFunction");
    }

    @Test
    void dashboardBodyIsJsonWithWidgets() throws IOException {
        Object body = template.properties(template.single("AWS::CloudWatch::Dashboard")).get("DashboardBody");
        String json = String.valueOf(map(body).get("Fn::Sub"));
        // Substituted values are names and numbers; a placeholder number keeps the JSON parseable here.
        JsonNode dashboard = new ObjectMapper().readTree(json.replaceAll("\\$\\{[^}]+}", "1"));
        assertThat(dashboard.path("widgets").size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void outputsNameWhatAnOperatorNeeds() {
        assertThat(template.section("Outputs").keySet()).contains("StreamName", "StreamArn", "LakeBucketName",
                "RawTable", "AthenaWorkGroupName", "DashboardUrl", "DeliveryStreamName", "AggregatesTableName");
    }

    @Test
    void reportsAreNamedQueriesInTheWorkgroup() {
        List<String> queries = template.resourcesOfType("AWS::Athena::NamedQuery");
        assertThat(queries).hasSizeGreaterThanOrEqualTo(3);
        for (String query : queries) {
            Map<String, Object> properties = template.properties(query);
            assertThat(properties.get("WorkGroup")).isEqualTo(Map.of("Ref", "AthenaWorkGroup"));
            String sql = String.valueOf(properties.get("QueryString"));
            // The question it answers first; a filter on the partition key so Athena prunes partitions.
            assertThat(sql).as(query).startsWith("-- ").containsPattern("WHERE (event_date|error_day) BETWEEN");
            assertThat(sql).as(query).doesNotContain(":from", ":to");
        }
        assertThat(template.properties("RawTable").toString()).isNotEmpty();
        assertThat(Set.copyOf(template.resourcesOfType("AWS::Glue::Job"))).hasSize(2);
        for (String job : template.resourcesOfType("AWS::Glue::Job")) {
            assertThat(template.properties(job)).containsEntry("GlueVersion", "5.0");
        }
        assertThat(template.resourcesOfType("AWS::Glue::Trigger").stream()
                .map(t -> template.properties(t).get("Type"))).contains("SCHEDULED");
    }

    private boolean tlsOnlyPolicyFor(String bucket) {
        for (String policy : template.resourcesOfType("AWS::S3::BucketPolicy")) {
            Map<String, Object> properties = template.properties(policy);
            if (!Map.of("Ref", bucket).equals(properties.get("Bucket"))) {
                continue;
            }
            for (Object statement : list(at(properties, "PolicyDocument", "Statement").orElseThrow())) {
                Map<String, Object> s = map(statement);
                if ("Deny".equals(s.get("Effect")) && "false".equals(String.valueOf(
                        at(s, "Condition", "Bool", "aws:SecureTransport").orElse(null)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
