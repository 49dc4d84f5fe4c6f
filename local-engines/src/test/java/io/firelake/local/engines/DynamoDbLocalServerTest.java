package io.firelake.local.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalServerTest {

    @Test
    void createTableThenPutAndGetAnItem() {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start();
             DynamoDbClient dynamo = LocalAws.dynamoDb(server.endpoint())) {
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            dynamo.createTable(b -> b.tableName("engines-test")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            dynamo.putItem(b -> b.tableName("engines-test").item(Map.of(
                    "pk", AttributeValue.fromS("window#1"), "count", AttributeValue.fromN("42"))));

            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("engines-test")
                    .key(Map.of("pk", AttributeValue.fromS("window#1"))).consistentRead(true)).item();
            assertThat(item.get("count").n()).isEqualTo("42");
        }
    }
}
