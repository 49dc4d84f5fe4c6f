package io.firelake.sam;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Query;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The named queries are Athena engine version 3 SQL, i.e. Trino's dialect: each parses with Trino's own parser (the
 * version of the root pom, the newest that runs on Java 17).
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/engine-versions-reference-0003.html">Athena engine version 3</a>
 */
class NamedQueriesParseTest {

    private final SamTemplate template = SamTemplate.deployed();
    private final SqlParser parser = new SqlParser();

    @Test
    void everyNamedQueryParsesAsTrinoSql() {
        for (String query : template.resourcesOfType("AWS::Athena::NamedQuery")) {
            Object sql = template.properties(query).get("QueryString");
            assertThat(sql).as(query).isInstanceOf(String.class);
            assertThat(parser.createStatement((String) sql)).as(query).isInstanceOf(Query.class);
        }
    }

    @Test
    void theParserRejectsWhatAthenaWould() {
        assertThatThrownBy(() -> parser.createStatement("SELECT count(*) FROM t WHERE event_date BETWEEN :from AND :to"))
                .hasMessageContaining(":");
    }
}
