package io.firelake.speed.core;

/** The bad-record outcomes the reader's steps answer, worded as the transform words them. */
final class Rejections {

    private Rejections() {
    }

    static ParseOutcome wrongType(String field) {
        return rejected(BadRecordReason.WRONG_TYPE, field + " has the wrong JSON type");
    }

    static ParseOutcome missing(String field) {
        return rejected(BadRecordReason.MISSING_FIELD, field + " is missing or null");
    }

    static ParseOutcome rejected(BadRecordReason reason, String detail) {
        return new ParseOutcome.Rejected(reason, detail);
    }
}
