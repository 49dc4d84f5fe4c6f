package io.firelake.local.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.config.layout.DataLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lake view lists partitions and previews one with DuckDB, and nothing outside the raw prefix. */
class LakeViewTest {

    @Test
    void listsAndPreviewsPartitionsAndRefusesAnyOtherPath(@TempDir Path data) throws Exception {
        DataLayout layout = DataLayout.of(data);
        Path partition = layout.rawDir().resolve("event_date=2026-12-06/event_hour=22");
        Files.createDirectories(partition);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("COPY (SELECT 'e-' || i AS event_id, 'click' AS event_type FROM range(25) t(i)) TO '"
                    + partition.resolve("firelake-delivery-1.parquet") + "' (FORMAT parquet)");
        }
        Files.writeString(data.resolve("secret.txt"), "not for the console");
        LakeView view = new LakeView(layout);

        ObjectNode lake = view.lake();
        assertThat(lake.get("objects").asInt()).isEqualTo(1);
        assertThat(lake.get("partitions").get(0).get("partition").asText())
                .isEqualTo("event_date=2026-12-06/event_hour=22");
        assertThat(lake.get("newest").get(0).get("key").asText()).endsWith("/firelake-delivery-1.parquet");

        ObjectNode preview = view.preview("event_date=2026-12-06/event_hour=22");
        assertThat(preview.get("columns").toString()).contains("event_id", "event_type");
        assertThat(preview.get("rows")).hasSize(LakeView.PREVIEW_ROWS);

        for (String outside : new String[] {"../../..", "..", "", "/etc", "event_date=2026-12-06/../../../.."}) {
            assertThatThrownBy(() -> view.preview(outside)).as(outside).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no partition");
        }
    }
}
