package io.firelake.transform.validate;

/** The canonical 8-4-4-4-12 hex form, checked by hand: {@code UUID.fromString} accepts short groups like "1-1-1-1-1". */
final class Uuids {

    private Uuids() {
    }

    static boolean canonical(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
