package io.firelake.events.contract;

/**
 * One SQL file of a contract folder ({@code views/NAME.sql} or {@code reports/NAME.sql}).
 *
 * @param name     the file name without {@code .sql}
 * @param question the first line's comment: what the query answers
 * @param sql      the whole text
 */
public record SqlFile(String name, String question, String sql) {

    static SqlFile of(String fileName, String text) {
        String sql = text.strip();
        String question = sql.lines().findFirst().orElse("");
        return new SqlFile(fileName.substring(0, fileName.length() - ".sql".length()),
                question.startsWith("--") ? question.replaceFirst("^--\\s*", "") : "", sql);
    }
}
